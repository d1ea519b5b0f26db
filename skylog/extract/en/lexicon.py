"""English word lists for extraction (cue verbs, titles, weapons, triggers, filters).

Kept as data, separate from the matching code, so they can be reviewed and extended without touching
logic. Patterns are regular-expression fragments matched case-insensitively on word boundaries.
"""

from __future__ import annotations

# Speech cue verbs (past, present, participle).
CUE_VERBS = (
    "said", "says", "say", "stated", "states", "wrote", "writes", "told", "tells", "added", "adds", "noted",
    "notes", "declared", "declares", "announced", "announces", "reported", "reports", "confirmed", "confirms",
    "claimed", "claims", "explained", "explains", "stressed", "stresses", "emphasized", "emphasised",
    "warned", "warns", "recounted", "recalls", "recalled", "described", "describes", "posted", "posts",
    "continued", "specified", "insisted", "urged", "urges", "commented", "remarked", "tweeted", "replied",
    "asked", "vowed", "pointed out", "underlined", "underscored", "observed", "admitted", "argued",
    "clarified", "informed", "alleged", "testified", "shared", "elaborated", "concluded", "cautioned",
    "decried", "condemned", "denounced", "accused", "blamed", "saying", "adding", "noting", "warning",
    "threatening", "calling",
    "lamented", "exclaimed", "shouted", "recounts", "highlighted", "detailed", "indicated",
)  # fmt: skip
CUE_RE = r"(?:" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + r")"

# Titles and role nouns that precede or describe a speaker.
TITLES = (
    "governor", "gov", "mayor", "president", "prime minister", "minister", "spokesman", "spokeswoman",
    "spokesperson", "spokesperson for", "head", "chief", "commander", "general", "gen", "lt", "colonel",
    "col", "lieutenant", "major", "captain", "official", "officials", "secretary", "director", "deputy",
    "adviser", "advisor", "analyst", "analysts", "expert", "resident", "residents", "witness", "witnesses",
    "prosecutor", "chairman", "chair", "leader", "senator", "representative", "ambassador", "envoy",
    "administrator", "governor-general", "acting governor", "military administration", "police",
    "ministry", "administration", "council", "agency", "service", "office", "army", "military", "forces",
    "correspondent", "journalist", "source", "sources", "farmer", "doctor", "medic", "paramedic", "rescuer",
    "soldier", "officer", "emergency services", "emergencies ministry", "defence ministry", "defense ministry",
)  # fmt: skip

PRONOUNS = {"he", "she", "they", "it", "we", "i"}

# Non-speakers that cue verbs often follow ("the statement said" is resolved to its author).
DOCUMENT_NOUNS = {"statement", "message", "post", "report", "release", "press release", "update", "communique",
                  "telegram post", "notice", "bulletin", "summary"}  # fmt: skip

CHANNELS = (
    "Telegram", "X", "Twitter", "Facebook", "Instagram", "VKontakte", "VK", "YouTube", "TikTok", "Truth Social",
    "WhatsApp", "Viber", "Max",
)  # fmt: skip

DEMONYMS = {
    "ukrainian": "Ukraine", "russian": "Russia", "israeli": "Israel", "iranian": "Iran", "pakistani": "Pakistan",
    "indian": "India", "syrian": "Syria", "sudanese": "Sudan", "belarusian": "Belarus", "houthi": "Houthis",
    "lebanese": "Lebanon", "turkish": "Turkey", "american": "United States", "u.s.": "United States",
    "us": "United States", "saudi": "Saudi Arabia", "yemeni": "Yemen", "palestinian": "Palestine",
    "iraqi": "Iraq", "azerbaijani": "Azerbaijan", "armenian": "Armenia", "myanmar": "Myanmar",
    "north korean": "North Korea", "chinese": "China", "kurdish": "Kurds", "hezbollah": "Hezbollah",
    "hamas": "Hamas", "junta": "Myanmar junta", "rsf": "RSF", "wagner": "Wagner",
}  # fmt: skip
ACTORS = {
    "ukraine": "Ukraine", "russia": "Russia", "israel": "Israel", "iran": "Iran", "pakistan": "Pakistan",
    "india": "India", "hezbollah": "Hezbollah", "hamas": "Hamas", "the houthis": "Houthis", "houthis": "Houthis",
    "kyiv": "Ukraine", "kiev": "Ukraine", "moscow": "Russia", "the russians": "Russia", "russians": "Russia",
    "the ukrainians": "Ukraine", "the occupiers": "Russia", "occupiers": "Russia", "the idf": "Israel",
    "the junta": "Myanmar junta", "the rsf": "RSF", "the saf": "Sudan", "the sudanese air force": "Sudan",
}  # fmt: skip

# Weapons by class (regex fragments). Order within an alternative: longest first.
WEAPONS: dict[str, str] = {
    "drone": r"(?:aircraft-type |strike |attack |kamikaze |combat )?(?:drones?|uavs?|unmanned aerial vehicles?|"
    r"unmanned aircraft|unmanned aerial systems?|shaheds?|geran(?:-2)?s?|lancets?|loitering munitions?|"
    r"quadcopters?|fpvs?|fpv drones?|multicopters?|uas)",
    "glide_bomb": r"(?:guided |glide |aerial |guided aerial |corrected |barrel |kab |fab-\d+ |cluster )?"
    r"(?:glide bombs?|guided (?:aerial )?bombs?|aerial bombs?|kabs?|fab-\d+s?|barrel bombs?|bombs?)",
    "missile": r"(?:ballistic |cruise |guided |hypersonic |anti-ship |air-launched )?(?:missiles?|iskanders?|"
    r"kalibrs?|kinzhals?|atacms|storm shadows?|scalps?|kh-\d+\w*|tochka-u|s-300s?|s-400s?|tomahawks?|"
    r"neptunes?|oreshnik|zircons?|onyx|high-precision weapons?|precision weapons?)",
    "rocket": r"(?:unguided )?(?:rockets?|mlrs|grads?|himars|uragans?|smerchs?|tornado-s|multiple (?:launch )?rocket"
    r"(?: launcher)?s?(?: systems?)?|rocket launchers?|katyushas?)",
    "artillery": r"(?:heavy )?(?:artillery|shells?|shelling|shelled|shellfire|mortars?|howitzers?|cannon|tank fire|"
    r"projectiles?|mortar fire|artillery fire|munitions|(?:artillery |mortar )?rounds)",
    "aircraft": r"(?:warplanes?|fighter jets?|fighter planes?|jets?|military aircraft|aircraft|helicopters?|"
    r"gunships?|bombers?|air ?strikes?|airstrikes?|aerial bombardments?|aerial attacks?|aerial assaults?|air raids?(?! (?:alert|siren|alarm|warning))|"
    r"aviation|mig(?:-\d+)?s?|su-\d+s?)",
}
WEAPON_TYPE = {
    "drone": "drone_strike",
    "glide_bomb": "air_strike",
    "missile": "missile_strike",
    "rocket": "shelling",
    "artillery": "shelling",
    "aircraft": "air_strike",
}
WEAPON_LABEL = {
    "drone": "drone",
    "glide_bomb": "glide_bomb",
    "missile": "missile",
    "rocket": "rocket",
    "artillery": "artillery",
    "aircraft": "aircraft",
}

# Verbs and nouns that make a weapon mention an attack.
ATTACK = (
    r"attack(?:s|ed|ing)?(?!\s+(?:drones?|uavs?|helicopters?|aircraft|boats?))|"
    r"strikes?(?!\s+(?:drones?|uavs?|aircraft|groups?))|struck|striking|"
    r"hit(?:s|ting)?(?!\s+by\s+(?:\w+\s+)?(?:air[- ]defen|interceptors?|anti-aircraft))|target(?:ed|ing)|"
    r"dropp(?:ed|ing) (?:an? )?(?:explosive|grenade|munition|charge|ordnance)\w*|"
    r"(?<!-)(?:launch(?:ed|es|ing)?|fir(?:ed|es|ing)|dropp(?:ed|ing)|sent|unleashed|used|deployed)\s+(?:(?:at least|more than|over|about|some|a|an|two|three|\d+|[\w\-]+)\s+){0,4}?(?:%s)|"
    r"fire at|opened fire|pounded|pounding|shell(?:ed|ing|s)?|bomb(?:ed|ing|ings|ardment|arded)|"
    r"slam(?:med|s)? into|crash(?:ed|es)? into|explo(?:ded|sions?|de)|blasts?|raids?(?! (?:alert|siren|alarm|warning))|barrage|assault|salvo|"
    r"landed|rained|killed|killing|injur(?:ed|ing)|wound(?:ed|ing)|damag(?:ed|ing)|"
    r"destroy(?:ed|ing)|set (?:on )?fire|ablaze|came under fire|under fire|flew into|smashed into|shot at"
)
# Strike verbs that start a second event inside an interception sentence ("one of them struck a site").
HARD_STRIKE = r"struck|hit|slam(?:med)? into|crash(?:ed)? into|exploded|smashed into|flew into"
INTERCEPT = (
    r"shot down|shoots? down|shooting down|downed|downs|downing|destroys|destroying|intercept(?:ed|s|ing|ion|ions)?|repel(?:led|s)?|repuls(?:ed|es)|"
    r"neutrali[sz](?:ed|es|ing)|suppress(?:ed|ing)|jammed|brought down|taken down|knocked out|"
    r"eliminated|thwart(?:ed|s|ing)?|foil(?:ed|s)?|prevent(?:ed|s)|warded off|disabled|air[- ]defen[cs]es? (?:was|were|is|are) (?:activated|working|operating|active)|"
    r"air[- ]defen[cs]es? (?:activated|worked|responded|engaged)|destroyed by air[- ]defen[cs]e|"
    r"(?:detected|intercepted) and destroyed"
)
DEBRIS = r"debris|wreckage|fragments|falling shrapnel|remnants|parts of (?:a|the) (?:downed )?(?:drone|missile|uav)"
DEBRIS_ACT = (
    r"fell|falling|fall|falls|landed|landing|crashed|hit|damag(?:ed|ing)|caused|sparked|started|set fire|"
    r"killed|killing|injur(?:ed|ing)|wound(?:ed|ing)|struck|broke|shattered|ignited|fire"
)

# Cues that a mention is not a real incident.
NEGATION = (
    r"\bno (?:\w+ ){0,2}(?:drones?|missiles?|uavs?|rockets?|attacks?|strikes?|shelling) (?:was|were|had been|has been|have been)\b|"
    r"\b(?:did not|didn't|has not|hasn't|have not|haven't|had not|was not|were not|wasn't|weren't|never)\s+(?:\w+\s+){0,2}?"
    r"(?:attack|strike|hit|shell|launch|fire|shot|shoot|intercept|down|target|record|detect|bomb|destroy)|"
    r"\bthere (?:were|was|have been|has been) no (?:\w+ ){0,2}(?:attacks?|strikes?|shelling|drones?|missiles?)|"
    r"\bdenied (?:any |carrying out |launching |that )|\bfalse (?:reports?|claims?)\b|\bfake\b"
)
HYPOTHETICAL = (
    r"\b(?:could|would|might|may|will|shall|should|must|can|ought to|going to|gonna)\s+(?:\w+\s+){0,2}?"
    r"(?:attack|strike|hit|shell|launch|fire|shoot|intercept|target|bomb|use|send|face|be)\b|"
    r"\b(?:threat(?:en(?:s|ed|ing)?)?|warn(?:s|ed|ing)? (?:of|that|about)|vow(?:s|ed)? to|pledg(?:es|ed) to|"
    r"plan(?:s|ned|ning)? to|intend(?:s|ed)? to|prepar(?:es|ed|ing) to|ready to|capable of|able to|"
    r"aim(?:s|ed)? to|seek(?:s|ing)? to|want(?:s|ed)? to|consider(?:s|ed|ing)?|propos(?:ed|es|al)|"
    r"in case of|if (?:\w+ ){0,4}(?:attack|strike|launch)|risk of|fear(?:s|ed)? of|possible|potential|"
    r"hypothetical|retaliat(?:ion|ory)|deterren\w*|would-be|often|usually|typically|routinely|whenever|"
    r"stockpil\w*|accumulat\w*|(?:over|in) the coming|upcoming|ahead of|for (?:\w+ ){0,2}(?:strikes|attacks)|"
    r"developing|capabilit\w* to|future|if|unless|whether|anniversary|commemorat\w*|memorial|years ago|"
    r"claims? to show|purport\w*|old footage|fake|debunk\w*)\b"
)
EXERCISE = (
    r"\b(?:exercises?|drills?|training(?! (?:centre|center|camp|ground|facility|base|school|range))|trials?|test(?:s|ed|ing)?(?:-fir(?:ed|ing))?|test launch|"
    r"demonstrat(?:ion|ed)|parade|air ?show|drone show|light show|simulat(?:ed|ion)|war ?games?|manoeuvres|maneuvers)\b"
)
DELIVERY = (
    r"\b(?:deliver(?:y|ies)|delivered (?:to|by)|courier|parcels?|shipments?|procure\w*|purchas\w*|aid package|"
    r"drone shows?|light shows?|drone racing|manufactur\w*|for sale|start-?up|crop[- ]spraying|agricultur\w*|"
    r"wedding|photograph\w*|filming|hobbyists?|delivery drones?)\b"
)
LABOUR = r"\b(?:workers?|unions?|pay (?:dispute|rise|offer)|wages?|walk ?outs?|industrial action|picket\w*|staff|employees)\b"
STATISTICS = (
    r"\b(?:since the (?:truce|ceasefire|invasion|escalation|war|conflict)|in (?:the )?(?:past |last )?(?:two|three|four|five|six|seven|several|\d+) days|"
    r"since (?:mid-\w+|early \w+|late \w+|the (?:start|beginning)|february 2022|20\d\d|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|the full-scale)|so far this (?:year|month)|"
    r"over the (?:past|last) (?:\w+ )?(?:months|years|year)|in the (?:past|last) (?:\w+ )?(?:months|years)|"
    r"per (?:month|day|week)|a month|monthly|annually|each (?:month|week)|every (?:day|night|week)|"
    r"in (?:20\d\d|january|february|march|april|may|june|july|august|september|october|november|december)\b(?! \d{1,2}\b)|"
    r"throughout the war|during the (?:[\w\-]+ )?(?:war|offensive|conflict|campaign|occupation)|since the war|"
    r"frequently|regularly|repeatedly|record number|on average|average of|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty|thirty) years (?:since|after|ago|on)|anniversary|"
    r"in the (?:last|past|first) (?:\w+ )?(?:days|weeks|months) of|recent (?:\w+ ){0,2}attacks|"
    r"cumulative|tally since|this year|last year|last month|(?:ha(?:s|ve)|had) (?:become|been) (?:an? )?"
    r"(?:increasingly|common|key|main|major|frequent))"
)
OPINION = (
    r"\b(?:opinion|op-ed|editorial|analysis|doctrine|strategy|lessons|policy|debate|argue[sd]?|should be|"
    r"must be|reshap\w*|future of|vulnerabilit\w*|capabilit\w*|arms race|deterrence|escalat\w* risk)\b"
)
