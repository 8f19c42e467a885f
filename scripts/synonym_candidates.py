"""Candidate synonyms for review: how localrewrite/paraphrase/synonyms.tsv was made (not run by set-up).

    python scripts/synonym_candidates.py CORPUS_DIR > candidates.tsv

For the nouns, verbs and adjectives of French news (every lemma of the corpus given, and the common lemmas
of wordfreq's French list, zipf >= 3.6), the mythes-fr thesaurus' synonyms of the same part of speech that
are not rare (zipf >= 2.5) and not too far in meaning out of context (word vectors of fr_core_news_md, cosine
>= 0.3), at most 8 each, best first: `POS<TAB>lemma<TAB>cand1, cand2…`. The thesaurus mixes senses
("attaque": offensive, assaut, but also apoplexie, viol), so none of these is used as it is: a French editor
kept, for each lemma, the candidates that state the same facts in most news sentences, and named the set
phrases in which they do not (a 4th column); the rewriter uses only the reviewed table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from wordfreq import top_n_list, zipf_frequency

from localrewrite import lexicon

COMMON, RARE, CLOSE, MOST = 3.6, 2.5, 0.3, 8


def lemmas(nlp: spacy.language.Language, corpus: Path) -> set[tuple[str, str]]:
    found = set()
    for path in sorted(corpus.rglob("*.txt")):
        for token in nlp(path.read_text(encoding="utf-8")):
            if token.pos_ in ("NOUN", "VERB", "ADJ") and token.lemma_.islower() and not token.ent_type_:
                found.add((token.lemma_, token.pos_))
    for word in top_n_list("fr", 15000):
        for morph in lexicon.analyse(word) if word.isalpha() else ():
            found |= {(word, pos) for pos in morph.classes & {"NOUN", "VERB", "ADJ"}
                      if morph.lemma == word and zipf_frequency(word, "fr") >= COMMON}
    return found


def main() -> int:
    nlp = spacy.load("fr_core_news_md")
    vocab = nlp.vocab
    for lemma, pos in sorted(lemmas(nlp, Path(sys.argv[1])), key=lambda k: -zipf_frequency(k[0], "fr")):
        ranked = []
        for synonym in lexicon.synonyms(lemma, pos):
            if zipf_frequency(synonym, "fr") < RARE or not any(pos in m.classes for m in lexicon.analyse(synonym)):
                continue
            if vocab.has_vector(lemma) and vocab.has_vector(synonym):
                similarity = float(vocab[lemma].similarity(vocab[synonym]))
                if CLOSE <= similarity < 0.999:
                    ranked.append((similarity, synonym))
        if ranked:
            print(f"{pos}\t{lemma}\t{', '.join(s for _, s in sorted(ranked, reverse=True)[:MOST])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
