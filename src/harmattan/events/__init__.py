"""PLOVER event coding: codebook, trigger lexicon, coder, factuality and attribution."""
