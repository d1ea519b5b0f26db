"""Language analysis: the ``Document`` a report is read into, text folding, sentences, tokens, morphology."""
