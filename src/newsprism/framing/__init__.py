"""Framing: who calls whom what, loaded and hedged wording, and how each outlet sources.

    findings, tables = frame(articles, links, quotes)

Facts are half of the difference between two reports; the words are the other
half. Each component reads the articles (and the quotes the compare stage found,
because a loaded word inside a quote is the speaker's, not the outlet's) and
returns findings with exact evidence spans plus a per-outlet table.
"""
