"""Words the speaker resolution reads: nouns that stand for an organisation or a person named before them."""

from __future__ import annotations

# Nouns that stand for an organisation already named as a source ("The company said …" after "Westmoor Water says").
SOURCE_NOUNS = {
    "company", "firm", "group", "operator", "utility", "council", "agency", "ministry", "regulator", "authority",
    "department", "office", "union", "institute", "team", "researchers", "club", "bank", "insurer", "carrier",
    "airline", "board", "trust", "charity", "government", "société", "entreprise", "groupe", "direction", "opérateur",
    "ministère", "mairie", "préfecture", "agence", "institut", "équipe", "chercheurs", "syndicat", "compagnie",
    "fédération", "banque", "conseil", "collectivité", "gouvernement", "organisation", "association",
}  # fmt: skip
# Nouns that stand for a person named a little before ("le dirigeant" after "Bertrand Joly, PDG de …"), with the
# pronoun their gender agrees with ("" when the noun says nothing of it).
PERSON_ROLES = {
    "dirigeant": "il", "directeur": "il", "président": "il", "patron": "il", "fondateur": "il", "procureur": "il",
    "préfet": "il", "entraîneur": "il", "dirigeante": "elle", "directrice": "elle", "présidente": "elle",
    "patronne": "elle", "fondatrice": "elle", "procureure": "elle", "préfète": "elle", "entraîneuse": "elle",
    "maire": "", "ministre": "", "porte-parole": "", "pdg": "", "élu": "il", "élue": "elle", "spokesperson": "",
    "spokesman": "he", "spokeswoman": "she", "mayor": "", "minister": "", "director": "", "chairman": "he",
    "chairwoman": "she", "founder": "", "prosecutor": "", "manager": "", "coach": "", "executive": "",
}  # fmt: skip
