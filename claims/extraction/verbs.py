"""Verb lists the punctuation rules use to tell a second predicate from a noun (English and French)."""

from __future__ import annotations

# "said A and urged B" / "a annoncé A et promis B": verbs that open a second predicate of the same subject.
EN_PRED = (
    r"said|told|urged|called|added|warned|announced|promised|pledged|vowed|asked|insisted|argued|noted|declared|"
    r"stressed|confirmed|denied|rejected|accused|launched|opened|closed|signed|approved|voted|raised|cut|increased|"
    r"reduced|hired|fired|won|lost|scored|finished|ended|left|joined|took|gave|made|plans|wants|expects|says|has|"
    r"had|will|would|is|was"
)
FR_PRED = (
    r"a|ont|annoncé|promis|appelé|exhorté|demandé|ajouté|averti|déclaré|dénoncé|rejeté|signé|approuvé|voté|lancé|"
    r"ouvert|fermé|remporté|perdu|terminé|rejoint|décidé|prévu|affirmé|estimé|précisé|souligné|appelle|exhorte|"
    r"demande|ajoute|annonce|promet|prévoit|estime|affirme|dénonce|rejette|signe"
)
# Irregular English past tenses (regular ones end in -ed).
EN_IRREGULAR_PAST = (
    r"took|gave|made|sent|won|lost|held|left|built|sold|paid|spent|rose|fell|grew|cut|hit|set|put|kept|led|ran|met|"
    r"brought|bought|found|struck|drew|flew|knew|spoke|wrote|chose|began|became|saw|went|came|told|shot|threw|"
    r"broke|drove|stole|beat|bore|shut|sank|swept|fought|caught|taught|sought|laid|lent|spread|withdrew"
)
# English present-tense verbs that take an object (a noun plural would be ambiguous: only these are trusted).
EN_PRESENT = (
    r"(?:hold|make|produce|employ|own|run|operate|serve|export|import|sell|cover|include|receive|represent|control|"
    r"earn|pay|cost|use|expect|plan|want|need|contain|reach|provide|offer|build|grow|supply|buy|spend|manage|"
    r"host|attract|carr|cut|lose|win|get|give|take|keep|send|treat|train|fund|support|oppose|back|reject|"
    r"accept|deny|face|lead|employ|generate|account|draw|ship|publish|visit)(?:s|es|ies)?|supplies|carries|has|have"
)
# English bare verbs a modal shares with a second or third verb ("will keep a register, carry out checks and issue
# fines"): common news verbs, including some that are nouns as well, only trusted after a modal and its first verb.
EN_BARE = (
    r"add|allow|announce|appoint|approve|attend|ban|become|begin|bring|build|buy|carry|charge|check|climb|close|"
    r"collect|consider|continue|cost|cover|create|cut|decide|deliver|demolish|double|drop|employ|end|enforce|"
    r"expand|extend|face|fall|finish|fund|get|give|grow|halve|hire|hold|improve|increase|inspect|install|introduce|"
    r"invest|issue|join|keep|launch|lead|leave|lose|make|manage|meet|monitor|move|offer|open|operate|pay|provide|"
    r"publish|raise|reach|rebuild|receive|reduce|reject|release|remain|remove|repair|replace|report|require|"
    r"restore|return|review|rise|run|save|sell|send|serve|set|spend|stand|start|stay|stop|support|take|test|train|"
    r"treat|triple|upgrade|visit|vote|win"
)
