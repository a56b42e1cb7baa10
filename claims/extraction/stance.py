"""What a line does when it does not state a fact: it judges, demands, addresses the reader or disclaims.

Small named detectors, each a general linguistic cue in French and English, read by
:mod:`claims.extraction.checkworthiness` as vetoes (see ``STANCE_RULES``):

* ``evaluative_quote``: a quoted judgement: a verb of judging introduces the quote ("a dénoncé « une fuite en
  avant »", "hailed it as ...") or the quote is a bare label after a verb of saying or being ("ces résultats
  sont « rassurants »", "called the findings “striking”");
* ``quoted_stance``: the words of a speaker that judge or demand instead of reporting: evaluative adjectives,
  obligation ("doit être capable", "must"), a speaker's wish or demand ("nous demandons que"), argumentative
  turns ("ce n'est pas ... qui compte", "le problème, c'est");
* ``first_person_attitude``: "je pense", "nous demandons", "I hope", "we want": a stance, not a fact;
* ``addresses_reader``: an imperative to the reader ("Revivez le match", "If you care ..., tell your
  councillor");
* ``presentative``: a French line opening on "c'est" / "ce n'est pas" (with no fact, a verdict);
* ``disclaimer``: "The views expressed are his own", "Les opinions exprimées n'engagent que leur auteur";
* ``empty_promise``: "Nous ferons tout pour", "we will do whatever it takes": a promise with nothing to check;
* ``plain_statement``: the other way round, a third-person statement in the indicative with no stance, modal,
  condition or address ("Quicksand is a mixture of sand and water"): verifiable without a name or a figure.

A line with a figure or a date is never vetoed by these (the caller checks): "a dénoncé « la suppression de
300 postes »" stays a claim. Everything here reads the line's own text only.
"""

from __future__ import annotations

import re

from .regex_prefix import with_first_chars

# Verbs that report a judgement rather than a statement: what follows them is the speaker's evaluation.
_JUDGING_WORDS = (
    r"dénon[cç]\w*|salu\w+|félicit\w+|fustig\w+|critiqu\w+|déplor\w+|regrett\w+|"
    r"s['’]indign\w+|s['’]insurg\w+|se réjou\w+|s['’]est réjou\w+|condamn\w+ (?:une|un|ce|cette|les|des)|"
    r"stigmatis\w+|vilipend\w+|pourfend\w+|applaudi\w*|encens\w+|"
    r"estim\w+|jug\w+ (?:que|qu['’])|consid[éè]r\w+ (?:que|qu['’])|y voi[tr]\w*|voi[tr] (?:dans|là)|"
    r"hail\w*|denounc\w+|condemn\w+|critici[sz]\w+|prais\w+|welcom\w+|"
    r"slamm?\w*|blast\w+|lament\w+|deplor\w+|brand\w+|decr[iy]\w*|called (?:it|the|this|that|them|his|her|their)\b|"
    r"described (?:[\w'’-]+ ){1,4}as"
)
_JUDGING_VERB = re.compile(rf"\b(?:{_JUDGING_WORDS})\b", re.I)
# The judging verb of an inserted clause right after the quote: "« ... », a dénoncé X", "..., he lamented".
_JUDGING_AFTER = re.compile(
    rf"\W{{0,3}}\s*(?:(?:a|ont|avait|s['’]est|se sont|he|she|they|it)\s+)?(?:{_JUDGING_WORDS})\b", re.I
)
# Any quotation mark: a line that quotes someone (the claim builder, the speakers and the model all ask).
QUOTE_CHARS = re.compile(r"[«»“”\"]")
_QUOTE = re.compile(r"«\s*([^»]{1,400}?)\s*»|“([^”]{1,400})”|\"([^\"]{1,400})\"")
_FINITE = re.compile(
    r"\b(?:est|sont|était|étaient|sera|seront|a|ont|avait|avaient|aura|fait|font|va|vont|peut|peuvent|doit|"
    r"doivent|is|are|was|were|will|has|have|had|does|do|did|can|could|would|should|must|\w{3,}(?:ent|ait|ons|ez|"
    r"ed))\b",
    re.I,
)
# A saying or being verb right before a quoted label: "sont « rassurants »", "called the findings “striking”".
_LABEL_LEAD = re.compile(
    r"(?:\b(?:est|sont|était|étaient|reste|restent|jug\w+|estim\w+|parl\w+ (?:de|d['’])|"
    r"évoqu\w+|is|are|was|were|remains?|called|call|calls|described as|termed|labelled|labeled)"
    r"(?:\s+(?:the|these|those|this|that|it|them|his|her|their|its|our|[\w-]+)){0,3}\s*[,:]?\s*"
    r"|\b(?:dénon[cç]\w*|salu\w+|félicit\w+|regrett\w+|déplor\w+|fustig\w+|critiqu\w+)(?:\s+(?:d['’]|de)\s*\w+"
    r"(?:\s+qui)?)?\s*)$",
    re.I,
)
_EVALUATIVE = with_first_chars(
    r"\b(?:indispensables?|essentiel(?:le)?s?|historiques?|redoutables?|immenses?|courageu(?:x|se|ses)|"
    r"inadmissibles?|injustes?|honteu(?:x|se|ses)|excellent(?:e|es|s)?|remarquables?|exceptionnel(?:le)?s?|"
    r"extraordinaires?|insupportables?|intolérables?|irresponsables?|rassurant(?:e|es|s)?|"
    r"inquiétant(?:e|es|s)?|préoccupant(?:e|es|s)?|alarmant(?:e|es|s)?|encourageant(?:e|es|s)?|"
    r"décevant(?:e|es|s)?|satisfaisant(?:e|es|s)?|regrettables?|déplorables?|navrant(?:e|es|s)?|"
    r"scandaleu(?:x|se|ses)|inacceptables?|magnifiques?|formidables?|catastrophiques?|lamentables?|absurdes?|"
    r"ridicules?|trop (?!de\b|d['’])\w+|compréhensibles?|légitimes?|merveilleu(?:x|se|ses)|incroyables?|"
    r"désastreu(?:x|se|ses)|indigne|"
    r"(?:un|une) vrai(?:e)? \w+|(?:un|une) (?:grand|grande|beau|belle|bon|bonne) (?:pas|victoire|nouvelle|"
    r"journée|signal|moment)|sans ambition|goutte d['’]eau|fuite en avant|"
    r"striking|surprising|encouraging|disappointing|worrying|alarming|reassuring|impressive|remarkable|"
    r"extraordinary|historic|unfair|unjust|irresponsible|reckless|shameful|disgrace\w*|wonderful|terrible|"
    r"awful|amazing|ridiculous|outrageous|unacceptable|fantastic|horrible|brilliant|heartbreaking|"
    r"good news|bad news|step in the right direction)\b",
    re.I,
)
# Obligation, wish or demand in a speaker's words: "doit être capable", "devront intervenir", "il faut", "we must".
# A schedule is not a demand: "doit encore être approuvé", "must be approved by 3 May" (a passive after it).
_OBLIGATION = re.compile(
    r"\b(?:il faut|il faudra(?:it)?|faut-il|(?:doi[st]|doivent|devons|devez|devra|devront|devrait|devraient|"
    r"devrions)(?!\s+(?:encore\s+|maintenant\s+|désormais\s+|d['’]abord\s+)?(?:être|avoir été)\s+\w+(?:é|ée|és|ées|"
    r"i|ie|is|ies|u|ue|us|ues|t|te|ts|tes)\b)|must(?! be \w+ed\b)|should|ought to|need to|needs to|have to|"
    r"has to|(?:have|has|ve|['’]ve) got to|gotta|il est temps|it['’]s time|it is time)\b",
    re.I,
)
_ARGUMENT = with_first_chars(
    r"\b(?:ce n['’]est pas [^,.;]{1,60} qui compte|le (?:vrai )?problème,? c['’]est|n['’]est pas le problème|"
    r"voilà la preuve|la preuve que|de bon ton|force est de constater|passer à côté de l['’]essentiel|"
    r"soit dite?s?|ne demandons pas|refusent la fatalité|au fond|tout simplement|"
    r"the (?:real )?(?:problem|point|question) is|it['’]s not about|let['’]s be (?:clear|honest))\b",
    re.I,
)
_FIRST_PERSON_ATTITUDE = with_first_chars(
    r"(?:^|[«“\"]\s*|[,;:]\s*)(?:je|j['’]|nous|on)\s+(?:ne\s+|n['’])?(?:pense|pensons|crois|croyons|estime|"
    r"estimons|trouve|trouvons|espère|espérons|souhaite|souhaitons|veux|voulons|demande|demandons|exige|exigeons|"
    r"refuse|refusons|regrette|regrettons|crains|craignons|reste|restons|suis convaincu\w*|sommes convaincus|"
    r"appelle|appelons|attends|attendons)\b|"
    r"(?:^|[“\"]\s*|[,;:]\s*)(?:i|we)\s+(?:do not\s+|don['’]t\s+)?(?:think|believe|hope|want|feel|fear|demand|"
    r"urge|call on|expect|am convinced|are convinced|remain|wish|refuse)\b",
    re.I,
)
_FIRST_PERSON_STANCE = re.compile(
    r"\b(?:i|we|je|nous|on)\s+(?:(?:really|just|also|still|certainly|do|don['’]t|ne)\s+)*(?:want|wanna|think|"
    r"believe|hope|feel|intend|plan|promise|pledge|(?:am|are|['’]m|['’]re) going to|will|['’]ll|must|should|need|"
    r"have to|['’]ve got to|have got to|got to|veux|voulons|pense|pensons|crois|croyons|espère|espérons|promets|"
    r"promettons|dois|devons|allons|vais)\b|\b(?:i|we)['’](?:ll|m going to|re going to|ve got to)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:je|j['’]|nous|i|we)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your|vous|votre|vos)\b", re.I)
# An imperative opening the line ("Revivez le match", "Retrouvez") or the main clause after a condition
# ("If you care about it, tell your councillor").
_IMPERATIVE_FR = re.compile(
    r"^\W*(?!(?:chez|assez|rodez)\b)[A-ZÀ-Ý][a-zà-ÿ]{3,}(?:ez|[^i]ons)\s+(?:le|la|les|l['’]|un|une|des|du|notre|nos|"
    r"votre|vos|toute?s?|tous|ici|nous|en|dès|vite|gratuitement|sur|à|aux|chaque|ce|cet|cette|ces)\b"
)
# An English imperative opening the line ("Take shorter showers", "Write to your MP", "Check the list"): a verb of
# the reader's action, then what it acts on (a determiner, pronoun or preposition; "Use of force" is a noun).
_IMPERATIVE_EN = re.compile(
    r"^\W*(?:take|fix|use|write|ask|speak|talk|visit|call|phone|check|share|read|watch|listen|find|follow|keep|"
    r"make|try|avoid|remember|consider|contact|book|get|turn|switch|stay|save|protect|report|apply|see|learn|"
    r"discover|tell|send|help|support|donate|register|join|sign|subscribe|install|download|seek|wash|"
    r"drink|eat|wear|close|open|put|leave|bring|give|let|don['’]t)\s+"
    r"(?:the|a|an|your|yours|our|this|these|those|it|them|us|me|some|any|all|every|each|more|less|fewer|shorter|"
    r"longer|extra|regular|care|part|action|advantage|note|to|up|out|on|off|in|for|with|at|back|down|away|over)\b",
    re.I,
)
_CONDITION_THEN_ORDER = re.compile(
    r"^\W*(?:if|si|s['’]il|s['’]ils)\b[^.!?]{3,160},\s*(?:tell|write|call|ask|contact|join|sign|vote|go|come|"
    r"share|send|email|visit|let|make|take|help|support|donate|register|check|watch|read|listen|speak|talk|see|"
    r"phone|book|seek|\w{4,}ez|n['’]hésitez)\b",
    re.I,
)
_DISCLAIMER = with_first_chars(
    r"\b(?:(?:the )?views (?:expressed|in this (?:article|column|piece))|opinions expressed|"
    r"opinions exprimées|propos (?:tenus|exprimés)\b[^.]{0,60}n['’]engagent|n['’]engagent? que (?:leurs?|son|sa|"
    r"ses|l['’])\s*auteur|(?:are|is) (?:his|her|their|the author['’]s|the writer['’]s) own\b|"
    r"do not (?:necessarily )?reflect (?:the|those of)|"
    r"(?:interview|conversation|transcript|entretien) (?:has been|was|a été) (?:lightly |légèrement )?"
    r"(?:edited|condensed|abridged|édité|condensé|raccourci))",
    re.I,
)

# A promise with nothing to check in it: "Nous ferons tout pour…", "s'engage à agir", "we will do whatever it takes".
_EMPTY_PROMISE = with_first_chars(
    r"\b(?:(?:ferons|fera|feront|ferai|allons|va|vont|vais) tout(?: faire)?|"
    r"tout (?:faire|mettre en œuvre|mettre en oeuvre)|"
    r"(?:s['’]engage\w*|promet\w*|promis) à (?:agir|se battre|tout faire|être à la hauteur|ne rien lâcher)|"
    r"(?:serons|sera|seront) (?:là|présents?|à la hauteur|aux côtés)|répond\w* présent|"
    r"(?:will|shall|['’]ll|going to) (?:do (?:everything|whatever it takes|all (?:we|i|it) can)|fight (?:for|hard)|"
    r"never (?:give up|stop)|stand (?:with|by)|be there for|keep fighting|work (?:hard|tirelessly))|"
    r"(?:promise|pledge|vow)\w* to (?:act|fight|deliver|do better))\b",
    re.I,
)

STANCE_RULES = (
    "evaluative_quote",
    "quoted_stance",
    "first_person_attitude",
    "addresses_reader",
    "disclaimer",
    "empty_promise",
    "plain_statement",
)


def quotes(text: str) -> list[str]:
    """The quoted passages of ``text`` (French guillemets, curly or straight double quotes)."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTE.finditer(text)]


def bare_quote(text: str) -> bool:
    """A line that is mostly a speaker's words, with no figure inside them: testimony, a verdict or colour
    ("« J'ai paniqué, je ne voulais pas sa mort »", "\"This is a rare chance to build a champion,\" she said").
    The caller keeps it when a proportion is stated ("sales dropped by half")."""
    passages = quotes(text)
    if not passages or sum(map(len, passages)) * 2 < len(text.strip()):
        return False
    return not any(ch.isdigit() for p in passages for ch in p)


def _outside_quotes(text: str) -> str:
    return _QUOTE.sub(" ", text)


def evaluative_quote(text: str) -> bool:
    """A judgement in quotes: introduced by a verb of judging, or a bare label after a verb of saying/being."""
    found = list(_QUOTE.finditer(text))
    previous_end = 0
    for m in found:
        inner = next(g for g in m.groups() if g is not None)
        before = text[max(previous_end, m.start() - 80) : m.start()]
        after = text[m.end() : m.end() + 40]
        if _JUDGING_VERB.search(before) or _JUDGING_AFTER.match(after):
            return True
        words = re.findall(r"\w+", inner)
        if len(words) <= 10 and not _FINITE.search(inner) and _LABEL_LEAD.search(text[: m.start()].rstrip()):
            return True
        previous_end = m.end()
    return False


def quoted_stance(text: str) -> bool:
    """A speaker's words that judge, demand or argue (no figure or date: the caller checks)."""
    passages = quotes(text)
    if not passages:
        return False
    return any(
        _EVALUATIVE.search(p) or _OBLIGATION.search(p) or _ARGUMENT.search(p) or first_person_attitude(p)
        for p in passages
    )


# A contrast that brings a fact after a judgement: "C'est encourageant, mais l'agriculture reste le premier usage".
_CONTRAST = re.compile(
    r"[,;:]\s*(?:mais|but|yet|pourtant|cependant|toutefois|however|tandis que|while|whereas)\b", re.I
)


def stance_words(text: str) -> bool:
    """Evaluative adjectives or argumentative turns in every clause of the line (an unquoted opinion)."""
    clauses = [c for c in _CONTRAST.split(text) if len(re.findall(r"\w+", c)) >= 4] or [text]
    return all(_EVALUATIVE.search(c) or _ARGUMENT.search(c) for c in clauses)


# In a writer's own words "doit présenter", "doivent porter un masque" mostly state a schedule or a rule: only advice
# ("ne doivent pas inciter"), the conditional ("devrait") and "il faut" are the writer's stance.
_ADVICE = with_first_chars(
    r"\b(?:il faut|il faudra(?:it)?|ne (?:doi[st]|doivent|devons|devez|devra|devront|devrait|devraient) pas|"
    r"(?:devrait|devraient|devrions)(?!\s+(?:être|avoir été)\s+\w+(?:é|ée|és|ées)\b)|il est (?:grand )?temps|"
    r"should|ought to|it['’]s time|it is time)\b",
    re.I,
)


def obligation(text: str) -> bool:
    """A duty or a need stated, not a schedule: "« doit être capable »", "we must act", "il faut"."""
    return bool(_OBLIGATION.search(text))


def advice(text: str) -> bool:
    """The writer's advice or wish in unquoted text: "ne doivent pas inciter à boire", "il faudrait"."""
    return bool(_ADVICE.search(text))


def speaker_stance(text: str) -> bool:
    """A speaker's belief, wish or duty: "I think", "I want to", "nous devons", "we've got to"."""
    return bool(_FIRST_PERSON_STANCE.search(text) or first_person_attitude(text))


def first_person_attitude(text: str) -> bool:
    return bool(_FIRST_PERSON_ATTITUDE.search(text))


def first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(_outside_quotes(text)))


# "C'est un choc", "Ce n'est pas de la panique", "C'est une goutte d'eau": a presentative opening the line (after
# a quotation mark or a conjunction).
_PRESENTATIVE = re.compile(
    r"^\W*(?:(?:mais|et|or|donc)\s+)?(?:c['’]est|ce n['’]est|ce sont|ce ne sont|c['’]était|ce n['’]était|"
    r"ce serait|ça reste)\b",
    re.I,
)


def presentative(text: str) -> bool:
    """A French line opening on "c'est" / "ce n'est pas": a verdict on something said before; with no figure, date
    or name the caller reads it as a judgement ("C'est un investissement indispensable pour nos enfants"). Not when
    a contrast brings a statement after it ("C'est encourageant, mais l'agriculture reste le premier usage")."""
    return bool(_PRESENTATIVE.match(text)) and not _CONTRAST.search(text)


# Advice to the public in the present tense: "Les consommateurs sont invités à …", "Residents are advised to …",
# "Customers should stop using …" opening the line (a recall's or an alert's instructions, not a statement of fact;
# "the company said customers should expect refunds" reports one).
_PUBLIC_ADVICE = re.compile(
    r"\b(?:(?:sont|est)\s+(?:(?:donc|également|aussi|vivement|fortement)\s+)?(?:invitée?s?|priée?s?|conviée?s?|"
    r"encouragée?s?)\s+(?:à|de|d['’])|il\s+est\s+(?:vivement\s+|fortement\s+)?(?:conseillé|recommandé|déconseillé)\s+"
    r"(?:de|d['’]|aux?)|(?:is|are)\s+(?:(?:also|strongly|therefore)\s+)?(?:advised|urged|asked|encouraged|invited|"
    r"reminded|requested)\s+(?:not\s+)?to|^\W*(?:customers|consumers|residents|passengers|users|owners|drivers|"
    r"motorists|travellers|travelers|parents|patients|visitors|anyone)\s+(?:who\s+[^,]{1,60}\s+)?should)\b",
    re.I,
)


def addresses_reader(text: str) -> bool:
    """An imperative to the reader: a French or English imperative opening the line, an order after a condition, or
    advice to the public ("Les usagers sont invités à …", "Customers should …")."""
    if _IMPERATIVE_FR.match(text) or _IMPERATIVE_EN.match(text) or _PUBLIC_ADVICE.search(text):
        return True
    return bool(_CONDITION_THEN_ORDER.match(text) and _SECOND_PERSON.search(text))


def disclaimer(text: str) -> bool:
    """An opinion page's disclaimer: the views are the author's own."""
    return bool(_DISCLAIMER.search(text))


# What a plain statement of fact does not have: a modal or conditional, a person speaking or spoken to, a
# condition or an exclamation.
_NOT_PLAIN = re.compile(
    r"\b(?:i|i['’]m|i['’]ve|i['’]d|i['’]ll|we|we['’]re|we['’]ve|we['’]ll|us|our|my|me|you|your|you['’]re|let['’]s|"
    r"should|must|could|would|might|may|can|cannot|can['’]t|ought|shall|need to|have to|has to|if|unless|whether|"
    r"maybe|perhaps|probably|seems?|appears?|believe\w*|think\w*|feel\w*|hope\w*|want\w*|wish\w*|"
    r"lot|lots|very|really|so|too|just|ever|never|everybody|everyone|anybody|nobody|somebody|something|anything|"
    r"nothing|everything|thing|things|stuff|kind of|sort of|folks|guys|okay|ok|yes|no|well|please|thank\w*|"
    r"good|bad|great|best|worst|better|worse|wrong|right|important|crucial|relevant|pretty|quite|honestly|"
    r"frankly|clearly|obviously|certainly|surely|like|need|needs|deserves?|argument|point|question|problem|"
    r"difficulty|challenge)\b|[!?;]",
    re.I,
)
_PLAIN_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|contains?|consists?|causes?|caused|lives?|lived|reaches?|reached|covers?|"
    r"covered|holds?|held|produces?|produced|grows?|grew|feeds?|fed|turns?|turned|expels?|starves?|kills?|killed|"
    r"became|becomes?|remains?|burst|hit|struck|fell|rose|won|lost|led|left|met|paid|sold|spent|sent|built|bought|"
    r"brought|began|broke|came|went|gave|took|made|found|told|wrote|ran|saw|froze|shut|cut|flew|drove|fought|"
    r"caught|shot|sank|swept|spread|\w{3,}(?:ed|es))\b",
    re.I,
)


# A statement that names what it is about: not "It's", "That is", "He voted", "And they know" (those need the
# sentence before them, and in speech they are mostly talk). A clause split off a sentence may open with a lower-case
# "and"/"but" before its own subject ("and the state is covering a third of the cost").
_LEXICAL_SUBJECT = re.compile(
    r"^\W*(?:(?-i:and|but)\s+(?=(?-i:the|a|an)\b|\d))?(?!(?:it|its|it['’]s|that|that['’]s|this|these|those|he|she|they|there|here|and|but|so|now|well|or|"
    r"because|then|also|still|yet|one|some|all|many|most|such|what|which|who|with regard to|as for|as to|"
    r"regarding|in terms of|when it comes to|to)\b)(?:[A-Z]|the\b|an?\b|\d)",
    re.I,
)


_UNFINISHED = re.compile(r"(?:--|[-—–]\s*|…|\.\.\.)\W*$")


def plain_statement(text: str) -> bool:
    """A third-person statement in the indicative, with no stance word, modal, condition or address to anyone:
    "Quicksand is a mixture of sand and water", "Corals live in partnership with tiny algae". Verifiable even
    without a name or a figure (English: the debate-trained model undervalues them in news copy)."""
    words = re.findall(r"\w+", text)
    if len(words) < 6 or len(words) > 40 or not _LEXICAL_SUBJECT.match(text) or _UNFINISHED.search(text):
        return False
    outside = _outside_quotes(text)
    if _NOT_PLAIN.search(outside) or _EVALUATIVE.search(text) or _ARGUMENT.search(text) or _OBLIGATION.search(text):
        return False
    # A verb the list knows, or a present-tense plural after a capitalised subject ("Britons already work …").
    return bool(
        _PLAIN_VERB.search(outside)
        or re.match(r"\W*[A-Z]\w+s\s+(?:\w+ly\s+|already\s+|now\s+|still\s+)?[a-z]+\b(?<!s)", outside)
    )


def empty_promise(text: str) -> bool:
    """A promise whose object is effort or goodwill, not a checkable act (the caller checks for figures)."""
    return bool(_EMPTY_PROMISE.search(text))
