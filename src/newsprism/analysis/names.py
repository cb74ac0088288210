"""Names: one canonical key per name, so that spellings of the same entity compare equal.

A component of the analysis layer with no parse of its own: plain functions over
name strings, used wherever a name is compared (entity facts, attributed sources,
labelled actors, story signals).

``canonical_entity(text)``
    A key that is equal across spellings of one name ("U.S." = "United States" =
    "American": ``us``; "Al-Assad airbase" = "Ain al-Asad Air Base": ``asad``).

``same_entity(a, b)``
    Whether two names denote the same entity: equal keys, or keys whose words are
    close spelling variants ("Hezbollah" / "Hizbollah", "Qaddafi" / "Gadhafi").

``same_person(a, b)``
    Whether two person names may name the same person: one family name ("John A.
    Boehner" / "Boehner" / "John Boehner"; "Kim" / "Kim Jong Un").
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Indel

__all__ = ["canonical_entity", "same_entity", "same_person", "WORD_SIMILARITY", "MIN_FUZZY_WORD", "MAX_LENGTH_GAP"]

#: Multi-word names and their one-word key (matched on whole tokens, longest first).
_PHRASES = {
    ("united", "states", "of", "america"): "us", ("united", "states"): "us",
    ("united", "kingdom"): "uk", ("great", "britain"): "uk", ("saudi", "arabia"): "saudi",
    ("islamic", "state"): "isis", ("air", "base"): "airbase", ("air", "field"): "airfield",
}  # fmt: skip
#: One-word aliases: spellings of the same country/group, and demonyms to the country,
#: so that "Iran-backed" = "Iranian-backed" and "American troops" = "U.S. troops".
_ALIASES = {
    "usa": "us", "america": "us", "american": "us", "americans": "us",
    "britain": "uk", "british": "uk", "isil": "isis", "daesh": "isis",
    "iranian": "iran", "iranians": "iran", "iraqi": "iraq", "iraqis": "iraq",
    "syrian": "syria", "syrians": "syria", "israeli": "israel", "israelis": "israel",
    "yemeni": "yemen", "yemenis": "yemen", "lebanese": "lebanon", "jordanian": "jordan",
    "egyptian": "egypt", "turkish": "turkey", "russian": "russia", "russians": "russia",
    "ukrainian": "ukraine", "ukrainians": "ukraine", "chinese": "china", "french": "france",
    "german": "germany", "qatari": "qatar", "palestinian": "palestine", "palestinians": "palestine",
    "afghan": "afghanistan", "pakistani": "pakistan", "indian": "india", "japanese": "japan",
}  # fmt: skip
#: Generic heads dropped from the end of a name while something specific remains:
#: "Kataib Hezbollah militia group" = "Kataib Hezbollah", "Al-Asad air base" = "Al-Asad".
#: Kept short on purpose: only words that name the *kind* of organisation or facility
#: and never tell two different ones apart in news text. "airport" is not in it
#: ("Baghdad airport" is not Baghdad).
_GENERIC_HEADS = {
    "group", "groups", "militia", "militias", "movement", "organization", "organisation",
    "faction", "airbase", "base", "airfield",
}  # fmt: skip
#: Articles dropped anywhere: English "the" and the Arabic article as transliterated.
_ARTICLES = {"the", "al", "el"}
#: Arabic "Ain"/"Ayn" ("spring of") before an article is part of a place name's
#: spelling that outlets drop: "Ain al-Asad" = "Al-Asad".
_SPRING = {"ain", "ayn", "ein"}


def canonical_entity(text: str) -> str:
    """A key that is equal across spellings of one name.

    Steps: strip accents and case; drop possessive 's, dots ("U.S." -> "us") and
    apostrophes inside words ("Kata'ib"); split on anything not a letter or digit;
    map multi-word names and aliases/demonyms ("United States", "American" -> "us";
    "Iranian" -> "iran"); drop "the" and the Arabic article "al"/"el", and "Ain"
    before it; join "air base" into "airbase"; drop trailing generic heads
    ("group", "militia", "airbase", ...) while a specific word remains; squeeze
    doubled letters ("Assad" -> "asad", a common transliteration variant).

    So "Al-Assad airbase" = "Al-Asad air base" = "Ain al-Asad Air Base" ("asad"),
    "U.S." = "US" = "United States" ("us"), "Iran-backed" = "Iranian-backed"
    ("iran backed"), "Kataib Hezbollah militia group" = "Kataib Hezbollah militia"
    ("kataib hezbolah"). Different organisations that share a word stay different:
    "Hezbollah" ("hezbolah") is not "Kataib Hezbollah".
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"[’‘`´]", "'", folded)
    folded = re.sub(r"'s\b", "", folded)
    folded = re.sub(r"(?<=\w)['.](?=\w)", "", folded).replace(".", " ")
    tokens = _replace_phrases(_join_initials(re.findall(r"[a-z0-9]+", folded)))
    tokens = [_ALIASES.get(t, t) for t in tokens]
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in _SPRING and i + 1 < len(tokens) and tokens[i + 1] in ("al", "el"):
            continue
        if tok in _ARTICLES and len(tokens) > 1:
            continue
        kept.append(tok)
    while len(kept) > 1 and kept[-1] in _GENERIC_HEADS:
        kept.pop()
    return " ".join(re.sub(r"([a-z])\1+", r"\1", t) for t in kept)


def _join_initials(tokens: list[str]) -> list[str]:
    """Join runs of single letters: "U. S." -> "us", "J. K. Rowling" -> "jk rowling"."""
    out: list[str] = []
    in_run = False
    for tok in tokens:
        single = len(tok) == 1 and tok.isalpha()
        if single and in_run:
            out[-1] += tok
        else:
            out.append(tok)
        in_run = single
    return out


def _replace_phrases(tokens: list[str]) -> list[str]:
    """Replace known multi-word names by their key, longest match first."""
    out: list[str] = []
    i = 0
    longest = max(len(p) for p in _PHRASES)
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 1, -1):
            key = _PHRASES.get(tuple(tokens[i : i + n]))
            if key is not None:
                out.append(key)
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


#: Per-word similarity (rapidfuzz Indel ratio, 0-100) above which two different
#: spellings of a word are the same word. One substituted letter in a 7-letter word
#: scores 85.7, in an 8-letter word 87.5 ("hezbolah"/"hizbolah"); two substitutions
#: stay under 85 up to 13 letters ("martin"/"morton" 66.7). Chosen at 85 so that
#: single-letter transliteration variants of long words match and nothing shorter does.
WORD_SIMILARITY = 85.0
#: Words shorter than this must match exactly: "iran"/"iraq", "mali"/"bali" and the
#: like differ by one letter and are different places.
MIN_FUZZY_WORD = 6
#: Lengths may differ by at most this much: "austria"/"australia" (87.5) differ by 2.
MAX_LENGTH_GAP = 1


def same_entity(a: str, b: str) -> bool:
    """Whether two names denote the same entity.

    True when their ``canonical_entity`` keys are equal (ignoring spaces), or when the keys have the
    same number of words and each word pair is equal or a close spelling variant
    (same first letter, the Arabic qaf's Q/G/K counting as one (``_qaf``), both at
    least ``MIN_FUZZY_WORD`` letters, lengths within
    ``MAX_LENGTH_GAP``, Indel similarity at least ``WORD_SIMILARITY``). Word-wise
    rather than whole-key matching so that "iran backed" never matches "iraq backed"
    just because the rest of the key is long.
    """
    ka, kb = canonical_entity(a), canonical_entity(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True  # also "SeaMicro" = "Sea Micro"
    wa, wb = ka.split(), kb.split()
    return len(wa) == len(wb) and all(_same_word(x, y) for x, y in zip(wa, wb, strict=True))


def _same_word(x: str, y: str) -> bool:
    if x == y:
        return True
    x, y = _qaf(x, y), _qaf(y, x)
    if min(len(x), len(y)) < MIN_FUZZY_WORD or abs(len(x) - len(y)) > MAX_LENGTH_GAP or x[0] != y[0]:
        return False
    return Indel.normalized_similarity(x, y) * 100 >= WORD_SIMILARITY


def _qaf(word: str, other: str) -> str:
    """``word`` with its first letter written as ``other``'s when the two are spellings
    of the Arabic qaf: a "q" not followed by "u" (no English spelling) against a "g" or
    "k" ("Qaddafi" / "Gadhafi" / "Kadafi"). The rest of the word
    must still be a close variant (``_same_word``)."""
    if len(word) > 1 and word[0] == "q" and word[1] != "u" and other[:1] in ("g", "k"):
        return other[0] + word[1:]
    return word


#: Words after a person's name that do not tell two people of one story apart.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def same_person(a: str, b: str) -> bool:
    """Whether two names (titles already dropped) may name the same person or body.

    On their ``canonical_entity`` words, suffixes ("Jr.") dropped: the last words are
    the same ("Lloyd Austin" / "Austin", "John A. Boehner" / "John Boehner", "Roger J.
    Stone Jr." / "Roger Stone", "the Pentagon" / "Pentagon"), or a single word opens the
    other name (a family name written first: "Kim" / "Kim Jong Un").

    Deliberately lenient about given names ("Bibi" / "Benjamin Netanyahu"; also
    "Sandra" / "Jesse Jackson"): its callers use it to hold back a claim that two
    sources or two speakers differ, which needs more than two spellings of one family.
    """
    wa, wb = (_person_words(n) for n in (a, b))
    if not wa or not wb:
        return False
    if wa[-1] == wb[-1]:
        return True
    short, full = sorted((wa, wb), key=len)
    return len(short) == 1 and short[0] == full[0]


def _person_words(name: str) -> list[str]:
    words = canonical_entity(name).split()
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    return words
