"""What several rules know about English text, in one place so that they never disagree.

Rules import from here, never from each other. Nothing here knows about rules: it reads
documents (``pubcheck.document``) and the data tables (``pubcheck.data``) only.

- ``phrases``: literal words and phrases as one regex that branches a character at a time.
- ``patterns``: regexes compiled on first use, not on import.
- ``fixes``: the replacement fix a finding offers where the source holds the text as read.
- ``teasers``: whether a block opens like a teaser line ("📖 Related: …").
- ``quotes``: quoted passages in the body, and whether anyone is named as saying them.
- ``names``: the words a document checks, and which capitalised words it uses as names.
- ``lexicon``: the dictionary, the allowlist and a desk's own words; suggestions.
- ``syllables``: syllables of English words, counted as textstat counts them.
- ``prose``: the blocks of running prose the readability rules measure; the body's words joined.
- ``memo``: what several rules build from a document, built once for the document being checked.
"""
