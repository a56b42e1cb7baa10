"""Web furniture that is never a claim: "Lire aussi" lines, share prompts, bylines, photo credits, publication
stamps, bars of links and bibliography lines. Read by the check-worthiness scorer (:mod:`.checkworthiness`)."""

from __future__ import annotations

import re

from . import stance
from .regex_prefix import with_first_chars

_BOILERPLATE = re.compile(
    r"^\W*(?:lire aussi|à lire aussi|a lire aussi|voir aussi|à voir aussi|read more|read also|also read|see also|"
    r"related(?: articles?| stories| content)?\b|more on this|abonnez[- ]vous|s['’]abonner|inscrivez[- ]vous|"
    r"subscribe|sign up|newsletter|partager|partagez|share(?: this| on)?\b|suivez[- ]nous|follow us|publicité|"
    r"advertisement|sponsored|contenu sponsorisé|crédits? photo|photo\s*:|©|copyright|tous droits réservés|"
    r"all rights reserved|click here|cliquez ici|commentaires?\b|"
    r"comments?\b|retrouvez|download|télécharge[zr]|listen|écoute[zr]|watch|regardez|lire la suite|"
    r"continue reading|la rédaction|by our|par notre|newsletter|recevez|get our|to read|pour lire|"
    r"cet article|this article|tags?\s*:|mots[- ]clés|source\s*:|sources\s*:|accueil\b|home\b|menu\b|"
    r"photos?\s*(?:by|de|credit|:)|crédits?\b|credits?\s*:|image\s*(?:caption|credit)?\s*:|illustration\s*:|"
    r"légende\s*:|caption\s*:|temps de lecture|reading time|durée de lecture|lecture\s*:\s*\d|"
    r"\d+\s*(?:commentaires?|comments?|réactions?|partages?|shares?|likes?|j['’]aime|vues|views)\b|"
    r"(?:additional\s+)?(?:reporting|editing|writing|compiled) by|rédaction de|rédigé par|édité par|edited by|"
    r"avec (?:afp|reuters|ap)\b|with (?:afp|reuters|ap)\b|copier le lien|copy link|imprimer|print\b|"
    r"écouter cet article|offrir cet article|ajouter à (?:mes|vos) favoris|en direct\b|live updates?\b|"
    r"refresh this page|actualisez|rafraîchi|mises? à jour en direct|image caption\b|caption\b|posted\b|"
    r"last (?:modified|updated)\b|publié(?:e|s)? (?:il y a|aujourd['’]hui|hier)\b|"
    r"\d+\s*(?:of|sur|/)\s*\d+\s*[|•·]|(?:vidéos?|videos?|photos?|diaporama|infographie|podcast|audio|replay|"
    r"slideshow|gallery)\s*[-—–:|]|sur le même sujet|à découvrir|les plus lus|most read|most popular|"
    r"envoyer par e-?mail|gift this article|offrir l['’]article|article continues|l['’]article continue|"
    r"propos recueillis|interview by|interviewed by|interview conducted|(?:media|press) (?:contact|inquiries)|"
    r"contacts? (?:presse|média)|for immediate release|communiqué de presse\s*$|#{3,}|about the company|"
    r"contributing\s*:|editor['’]s note\s*:|note de la rédaction\s*:|correction\s*:|rectificatif\s*:|"
    r"this (?:article|story) was (?:originally )?(?:published|updated)|"
    r"here['’]?s what (?:you need to|we) know|here is what (?:you need to|we) know|what you need to know|"
    r"ce qu['’]il faut (?:savoir|retenir)|voici ce qu['’]il faut|l['’]essentiel\s*:|"
    r"à propos de [A-ZÀ-Ý][\w'’ -]{0,40}$|about [A-Z][\w'’ -]{0,40}$|"
    r"explore more|more (?:on|about) (?:these|this|the) (?:topics?|subjects?|stor(?:y|ies))|more (?:stories|news)\b|"
    r"topics?\s*:|thèmes?\s*:|sujets? (?:associés|liés)|(?:bande-annonce|trailer|teaser)\b|"
    r"(?:graphiques?|tableaux?|figures?|fig\.|charts?|graphs?|tables?|cartes?|maps?|infographics?)\s*\d{0,2}\s*"
    r"[-–—:]\s)",
    re.I,
)
# A bar of links or rubrics: short parts between " | " (or " • ") and no sentence among them
# ("Hauts-de-France | En bref", "Classement complet | Toutes les sorties"); not a table row of figures.
_BAR_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_FIGURE_CELL = re.compile(r"^[-+−–]?[$€£]?\d")
# Publication stamps open a line of web furniture ("Publié le 3 mars à 10 h", "Updated Feb. 2"), but the same words
# open ordinary sentences too ("Publié le 3 mars, le rapport montre ..."): only a short line without a clause is one.
_STAMP_LEAD = re.compile(
    r"^\W*(?:mis à jour|mise à jour|updated|publié(?:e|s)?(?: le| à)?|published|modifié le|actualisé le|posted)\b", re.I
)
_CLAUSE_AFTER_STAMP = re.compile(r",\s+\w+(?:\s+\w+){2,}")
# A bibliography line: "Physical Review Letters, 105(3), 035502." / "Smith, J. et al. (2019). Title. Nature."
# Searched as two patterns (only whether either matches is read): the author line at the start, and the rest behind a
# first-character lookahead.
_BIBLIO = with_first_chars(
    r"\b\d{1,4}\s*\(\d{1,4}\)\s*[,:]\s*[A-Za-z]?\d+|\bet al\.|\bdoi(?::|\.org/)\s*10\.|\bpp?\.\s*\d+\s*[-–]\s*\d+|"
    r"\(\d{4}[a-z]?\)\.\s+[A-Z][^.]{3,}\.\s+[A-Z]|\bISBN\b|\bvol\.\s*\d+"
)
_BIBLIO_AUTHOR = re.compile(r"^\W*[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*){1,3}(?:,|&|and|\(\d{4}\))")
_CREDIT_END = re.compile(
    r"\b(?:AFP|Reuters|AP|Getty Images|MAXPPP|Maxppp|SIPA|Sipa|ABACA|Abaca|EPA|Hans Lucas|Shutterstock)\s*/\s*"
    r"[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,2}\s*\)?\s*$"
)
# A byline ("Par Julie Marchand", "By Daniel Okafor | Updated ...") on a short line.
_BYLINE = re.compile(
    r"^\W*(?:(?:Interview|Interviewed|Words|Reporting|Report|Text|Story|Propos\s+recueillis|Entretien\s+réalisé|"
    r"Interview\s+réalisée|Texte|Reportage)\s+)?"
    r"(?:[Bb]y|BY|[Pp]ar|PAR)\s+[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:de\s+|van\s+|von\s+|le\s+)?[A-ZÀ-Ý][\w'’.-]+){1,3}"
    r"\s*(?:$|[|•·—–,]|\s+(?:and|et|avec|with)\s+[A-ZÀ-Ý])|^\W*(?:[Bb]y|BY|[Pp]ar|PAR)\s+(?:AFP|Reuters|AP)\s*$"
)
_BOILERPLATE_ANYWHERE = with_first_chars(
    r"(?:abonnez-vous|subscribe to|follow us on|suivez-nous sur|partagez cet article|share this (?:article|story)|"
    r"notre newsletter|our newsletter|"
    r"cookies|javascript|réservé aux abonnés|for subscribers|subscribers only|article réservé|"
    r"sign up for|inscrivez-vous à|tous droits réservés|all rights reserved|getty images|"
    r"/\s*(?:afp|reuters|ap|getty|maxppp|sipa|abaca|epa|shutterstock|hans lucas|le monde)\s*\)?\s*$|"
    r"may not be (?:published|reproduced)|[▶►⏵]|\(\d{1,3}\s*min(?:\s*\d{1,2})?\)\s*$|"
    r"\(@\w+\)|pic\.twitter\.com|\bt\.co/|a post shared by|une publication partagée par|view this post on|"
    r"voir cette publication|contributed (?:to )?this (?:report|story|article)|(?:a|ont) contribué à cet article|"
    r"(?:follow|suivez) [\w .'’-]{1,40} (?:on|sur) (?:x|twitter|instagram|facebook|bluesky|threads|linkedin|tiktok)\b)",
    re.I,
)


def is_boilerplate(text: str) -> bool:
    if _BOILERPLATE.match(text) or _BOILERPLATE_ANYWHERE.search(text) or stance.disclaimer(text):
        return True
    if _STAMP_LEAD.match(text) and len(text) <= 100 and not _CLAUSE_AFTER_STAMP.search(text):
        return True
    return is_byline(text) or _is_link_bar(text)


def _is_link_bar(text: str) -> bool:
    parts = _BAR_SEPARATOR.split(text.strip())
    if len(parts) < 2 or len(text) > 200:
        return False
    if sum(bool(_FIGURE_CELL.match(p)) for p in parts) * 2 >= len(parts):
        return False  # "Nord | 12 400 | +3,1 %": a table row
    return all(len(p.split()) <= 8 and not p.rstrip().endswith((".", "!", "?")) for p in parts)


def is_bibliography(text: str) -> bool:
    """A reference line of a bibliography (journal volume(issue), et al., DOI, pages), not a claim."""
    return bool(_BIBLIO_AUTHOR.match(text) or _BIBLIO.search(text))


_STAMP_WORD = (
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[ \u00a0]?[h:.][ \u00a0]?\d{2}|\d+(?:er)?|[ap]\.?m\.?|le|la|à|a|at|on|"
    r"the|de|du|et|and|mis|jour|updated|posted|publié|publiée|modifié|gmt|utc|cet|cest|est|edt|pt|h|hier|yesterday|"
    r"bst|ist|cst|pst|pdt|mst|aest|"
    r"today|aujourd|hui|published|jan|janv|feb|fév|févr|mar|apr|avr|jun|jul|juil|aug|sep|sept|oct|nov|dec|déc|janvier|"
    r"février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
# Only stamp words, separated by non-word characters: one match, failing at the first other word.
_STAMP = re.compile(rf"\W*(?:(?:{_STAMP_WORD})(?!\w)\W*)+", re.I)


def is_stamp(text: str) -> bool:
    """A line that is only a date and/or time stamp ("Le 14/02/2025 à 07:35", "Tue 7 Jan 2025 14.02 GMT")."""
    return len(text) <= 80 and bool(_STAMP.fullmatch(text)) and any(ch.isdigit() for ch in text)


def is_byline(text: str) -> bool:
    """A byline or a photo caption ending with its credit ("... AFP / Guillaume Roux") on a short line."""
    return len(text) <= 160 and bool(_BYLINE.match(text) or _CREDIT_END.search(text))


def opens_with_boilerplate(text: str) -> bool:
    """The text opens with a furniture phrase ("Lire aussi", "Read more", an embedded post's credit line)."""
    return bool(_BOILERPLATE.match(text))
