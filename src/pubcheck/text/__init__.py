"""Text primitives shared by rules (lexicon, syllables, prose), so no rule imports another."""
