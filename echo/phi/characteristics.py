"""Identifying characteristics: Safe Harbor's "any other unique identifying characteristic"
(45 CFR 164.514(b)(2)(i)(R)). In a small community a child is recognised without a name:
the girl on the local news, the boy whose video went viral, the state champion, one of the
quadruplets, the police chief's son, the daughter of the only funeral director in town.

No rule can know what is unique in a given town, so these only warn: the person confirms
the detail is needed for the question, or says it more generally ("a public event", "a
parent with a public role"). Each pattern names the cue, not the whole story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document, at_word_starts, find_led, led
from echo.phi.vocabulary import word_set

_RELATIVE = (
    r"(?:son|daughter|kid|child|boy|girl|grandson|granddaughter|stepson|stepdaughter|"
    r"nephew|niece|grandkid|grandchild)"
)
_PUBLIC_ROLE = (
    r"(?:police\s+chief|chief\s+of\s+police|fire\s+chief|sheriff|mayor|judge|senator|"
    r"governor|pastor|preacher|minister|priest|rabbi|imam|principal|superintendent|"
    r"state\s+senator|city\s+council\s+member|council\s+member|police\s+officer|"
    r"head\s+coach|congress(?:man|woman)|council(?:man|woman|member)|state\s+representative|"
    r"district\s+attorney|county\s+commissioner|news\s+anchor|weather\s*man|"
    r"school\s+board\s+(?:member|president|chair)|city\s+manager|fire\s+marshal|"
    r"game\s+warden|radio\s+(?:host|dj)|state\s+rep|judge-executive|"
    r"(?:state\s+)?assembly(?:man|woman|member)|secretary\s+of\s+state|poet\s+laureate|"
    r"(?:state\s+)?(?:treasurer|auditor|attorney\s+general)|warden|"
    r"tribal\s+(?:chairman|chairwoman|chair|chief|president|council\s+member)|"
    r"(?:city|county|town)\s+(?:commissioner|clerk|manager|attorney)|commissioner|"
    r"(?:state\s+)?(?:ffa|4-h|student\s+body|class)\s+president)"
)
_PLACE = r"(?:town|the\s+(?:town|county|village|valley|area|district|region|state|island))"
# Whose role it is: a parent or another relative.
_KIN = (
    r"(?:mom|mother|dad|father|parent|stepdad|stepmom|stepfather|stepmother|grandpa|grandma|"
    r"granddaddy|grandaddy|granny|pawpaw|papaw|mamaw|"
    r"daddy|mama|mommy|papa|mamaw|papaw|great-grandpa|great-grandma|great-grandfather|"
    r"great-grandmother|"
    r"grandfather|grandmother|uncle|aunt|brother|sister|cousin|guardian|foster\s+mom|"
    r"foster\s+dad|parents)"
)
# A place or group small enough that "the only ..." in it is one person.
_SMALL_WORLD = (
    r"(?:(?:the|our|his|her|their|this|that|a)\s+)?(?:small\s+|tiny\s+|whole\s+|public\s+|local\s+|"
    r"varsity\s+|girls'?\s+|boys'?\s+|[a-z]+ing\s+){0,2}"
    r"(?:town|county|city|village|school|grade|class|district|area|valley|island|"
    r"high\s+school|middle\s+school|church|community|reservation|neighborhood|region|parish|"
    r"pueblo|village|base|post|island|state|country|nation|world|team|squad|roster)\b|there\b"
    r"|\d+\s+miles\b"
)
# Television call signs ("on WSAZ", "the WBIR footage").
_CALL_SIGN = r"[KW][A-Z]{2,3}(?:-TV)?"
# What a relative is, built from parts: a public office is enough ("her father, the mayor"),
# an ordinary job needs a local "the" ("dad is the town doctor", "the nurse at his school")
# or fame ("a pro baseball player", "an Olympic swimmer", "a local TV reporter").
_OFFICE = (
    r"(?:mayor|sheriff|deputy\s+sheriff|trooper|state\s+trooper|police\s+chief|fire\s+chief|judge|"
    r"prosecutor|district\s+attorney|senator|congress(?:man|woman)|governor|bishop|pastor|"
    r"priest|rabbi|imam|superintendent|principal|commissioner|council\s*(?:man|woman|member)|"
    r"coroner|game\s+warden|postmaster|chief\s+of\s+police)"
)
_JOB = (
    r"(?:doctor|nurse|dentist|pediatrician|pharmacist|vet|veterinarian|lawyer|attorney|"
    r"teacher|coach|counselor|librarian|banker|barber|mechanic|police\s+officer|officer|"
    r"firefighter|reporter|anchor|journalist|photographer|player|athlete|swimmer|runner|"
    r"wrestler|singer|musician|actor|actress|artist|author|chef|preacher|minister|clerk)"
)
_LOCAL = (
    r"(?:the\s+(?:town|county|city|village|school|high\s+school|local|area|community)"
    r"(?:'s|\u2019s)?\s+(?:\w+\s+)?"
    + _JOB
    + r"|the\s+"
    + _JOB
    + r"\s+at\s+(?:his|her|their|the)\s+"
    r"(?:school|church|clinic))"
)
_FAMOUS = (
    r"(?:an?\s+)?(?:famous|well[- ]known|pro|professional|olympic|national|celebrity|local\s+tv|tv)"
    r"\s+(?:\w+\s+)?" + _JOB
)
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_RELATIVES_ROLE = at_word_starts(
    re.compile(
        r"(?i)\b" + _KIN + r"(?:,\s*|\s+(?:is|was|has\s+been)\s+|(?:'s|\u2019s)\s+)"
        r"(?:(?:the|a|an|our)\s+(?:\w+\s+){0,2}?"
        + _OFFICE
        + r"\b|"
        + _LOCAL
        + r"\b|"
        + _FAMOUS
        + r"\b)"
    )
)
_RELATIVES_ROLE_WORDS = word_set(
    """mom mother dad father parent parents stepdad stepmom stepfather stepmother grandpa
    grandma grandfather grandmother uncle aunt brother sister cousin guardian daddy mama mommy
    papa mamaw papaw"""
)
# The first word of each relative above ("foster" of "foster mom"): every _RELATIVES_ROLE
# match opens with one (find_led).
_RELATIVES_ROLE_LED = led(_RELATIVES_ROLE, (kin.split("\\")[0] for kin in _KIN[3:-1].split("|")))
# Team names a relative plays for ("plays for the Steelers").
_PRO_LEAGUES = r"(?:NFL|NBA|MLB|NHL|WNBA|MLS|NWSL)"

# One pattern per kind of cue, each tried only when one of its words is in the text.
_CUES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    # In the news, or going viral.
    (
        word_set("news paper newspaper headlines covered reported publicized publicised coverage"),
        re.compile(
            r"(?i)\b(?:on|in|made)\s+the\s+(?:local\s+|evening\s+|national\s+|front\s+page\s+of"
            r"\s+the\s+)?(?:news|paper|newspaper|headlines)\b"
            r"|\b(?:made|making)\s+(?:the\s+)?(?:headlines|national\s+news)\b"
            r"|\bwidely\s+(?:covered|reported|publici[sz]ed)\b"
            r"|\b(?:news\s+(?:coverage|story|stories|reports?)|media\s+coverage)\b"
        ),
    ),
    (
        word_set("tv television interviewed featured gofundme fundraiser amber documentary"),
        re.compile(
            r"(?i)\bon\s+(?:local\s+|national\s+)?(?:tv|television)\b"
            r"|\binterviewed\s+(?:by|on)\b"
            r"|\bfeatured\s+(?:in|on)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,2}?(?:paper|news|article|"
            r"story|documentary|show|podcast|newsletter|magazine)\b"
            r"|\b(?:gofundme|go\s+fund\s+me)\b|\bfundraiser\s+for\s+(?:him|her|them|the\s+family)\b"
            r"|\bamber\s+alert\b"
        ),
    ),
    (
        word_set("famous celebrity influencer youtuber known well-known singer seen"),
        re.compile(
            r"(?i)\b(?:tiktok[- ]|internet[- ]|locally\s+)famous\b|\bcelebrity\b"
            r"|\bfamous\s+(?:\w+\s+)?(?:athlete|singer|actor|actress|musician|family|player|"
            r"youtuber|rapper|chef|author|artist)\b"
            r"|\b(?:an?\s+)?(?:influencer|youtuber)\b"
            r"|\beveryone\s+(?:in\s+town|around\s+here|here)\s+knows\b"
            r"|\b(?:video|post|clip|story)\s+(?:that\s+)?(?:everybody|everyone)(?:'s|\s+has)\s+seen\b"
            r"|\bwell[- ]known\s+(?:in\s+(?:town|the\s+community)|family|local)\b"
        ),
    ),
    (
        word_set("viral followers subscribers views shares likes retweets"),
        re.compile(
            r"(?i)\bwent\s+viral\b|\bviral\s+(?:video|post|clip|tiktok|story|photo)\b"
            r"|\b(?:\d[\d,.]*\s*(?:k|m|million|thousand)?|millions\s+of|thousands\s+of|"
            r"(?:one|two|three|four|five|ten|a|half\s+a)\s+(?:million|hundred\s+thousand))\s+"
            r"(?:[A-Z][a-z]+\s+)?(?:followers|subscribers|views|shares|likes|retweets)\b"
        ),
    ),
    # Titles and records.
    (
        word_set(
            """champion championship championships champ champs record finalist medalist
            olympian bee nationals runner-up placed fair"""
        ),
        re.compile(
            r"(?i)\b(?:state|national|world|regional|junior\s+olympic|olympic)\s+"
            r"(?:[a-z-]+\s+){0,5}(?:champion|championships?|champs?|record(?:[- ]holder)?|"
            r"title\s+holder|finalist|medalist|runner-up)\b"
            # "2nd place at nationals", "placed third at state"
            r"|\b(?:1st|2nd|3rd|first|second|third|top\s+\d+|placed\s+\w+)\s+(?:place\s+)?"
            r"(?:at|in)\s+(?:nationals|worlds|the\s+national\s+\w+)\b"
            # "placed second at state", "won grand champion steer at the state fair"
            r"|\bplaced\s+(?:1st|2nd|3rd|first|second|third|\w+th)\s+(?:at|in)\s+(?:state|regionals)\b"
            r"|\bgrand\s+champion\b|\bat\s+the\s+(?:county|state)\s+fair\b"
            r"|\brecord[- ]holder\b|\bolympian\b|\bspelling\s+bee\s+(?:champion|winner)\b"
        ),
    ),
    # Multiple births beyond twins.
    (
        word_set(
            """triplets quadruplets quintuplets sextuplets quads quints conjoined triplet
            quadruplet quintuplet sextuplet"""
        ),
        re.compile(
            r"(?i)\b(?:one\s+of\s+(?:the\s+|a\s+set\s+of\s+)?)?(?:triplets?|quadruplets?|"
            r"quintuplets?|sextuplets?|quads|quints)\b|\bconjoined\s+twins?\b"
        ),
    ),
    # A parent's rare or public role, a famous relative.
    (
        word_set(
            """only last board prosecutor elected coroner treasurer commissioners weather
            quarterback supreme chief sheriff mayor judge
            senator governor pastor preacher minister priest rabbi imam principal superintendent
            coach coaches congressman congresswoman
            councilman councilwoman councilmember council representative attorney commissioner
            rep assemblyman assemblywoman assemblymember secretary laureate warden treasurer
            auditor
            anchor weatherman weather plays played famous tribal chairman chairwoman
            commissioner judge-executive ffa president clerk manager
            nfl nba mlb nhl wnba mls nwsl"""
        ),
        re.compile(
            r"(?i)\bthe\s+only\s+(?:[a-z.'-]+\s+){1,7}?(?:in|at|for|of|on)\s+(?:"
            + _SMALL_WORLD
            + r")"
            # "the only child in Hawaii with ...", "the only Marshallese family in Pāhoa"
            r"|(?-i:\bthe\s+only\s+(?:[a-z-]+\s+){0,2}?[a-z-]+(?=\s+in\s+[A-Z][a-z]+))"
            r"|(?-i:\bthe\s+only\s+[A-Z][a-z]+\s+(?:family|kid|child|boy|girl|student)\b)"
            r"|\bthe\s+only\s+one\s+who\s+(?:got\s+out|survived|made\s+it|escaped|lived)\b"
            r"|\bone\s+of\s+the\s+(?:last|few|only)\s+(?:living|surviving|remaining)\b"
            r"|\bthe\s+last\s+(?:living|surviving|remaining)\b"
            r"|\bour\s+only\s+(?:[a-z-]+\s+)?(?:vet|veterinarian|doctor|dentist|pediatrician|pharmacist|"
            r"lawyer|judge|pastor|priest|sheriff|mayor|funeral\s+director|[a-z]+ist|[a-z]+er)\b"
            r"|\bcounty\s+commissioners\b|\b(?:weather|news|sports)\s+(?:anchor|reporter|forecaster)\b"
            r"|\b(?:NFL|NBA|MLB|NHL|WNBA|NASCAR)\s+(?:quarterback|player|star|coach|pitcher|driver|"
            r"legend|lineman|running\s+back|receiver|goalie)\b"
            r"|\b(?:state|u\.s\.|us)\s+supreme\s+court\b"
            r"|\bthe\s+only\s+(?:[\w'\u2019-]+\s+){1,4}?from\s+(?:our|the|this)\s+(?:state|county|town|"
            r"reservation|tribe|island|valley)\b"
            # "the county's elected prosecutor", "the town's only dentist"
            r"|\bthe\s+(?:town|county|city|village|state|tribe)(?:'s|\u2019s)\s+(?:elected\s+|"
            r"new\s+|former\s+)?(?:prosecutor|judge|sheriff|mayor|attorney|coroner|clerk|"
            r"commissioner|superintendent|treasurer)\b"
            r"|\b(?:the\s+)?"
            + _PUBLIC_ROLE
            + r"\s+is\s+(?:my\s+patient'?s|the\s+patient'?s|the\s+child'?s|"
            r"his|her|their)\s+(?:dad|mom|father|mother|uncle|aunt|grandfather|grandmother)\b"
            # "Dad is on the select board", "sits on the school board"
            r"|\b(?:is|was|sits)\s+on\s+the\s+(?:select|school|town|city|county|tribal|village)\s+"
            r"(?:board|council)\b"
            r"|\b(?:a|the)\s+(?:city|county|town|village|tribal)\s+(?:commissioner|council\s*(?:man|woman|"
            r"member)?|judge|clerk|attorney|manager|chairman|chief)\b"
            r"|\bowns?\s+the\s+only\s+\w+(?:\s+\w+)?"
            r"|\bthe\s+only\s+(?:[a-z.'-]+\s+){0,3}?(?:provider|doctor|dentist|pediatrician|ob|midwife|"
            r"pharmacist|vet|veterinarian|lawyer|funeral\s+director|police\s+officer|"
            r"firefighter|judge|barber|mechanic)\b"
            r"|\b(?:the\s+)?(?:town|county|city|village|school|area)(?:'s|\u2019s)\s+only\b"
            r"|\b(?:the\s+)?" + _PUBLIC_ROLE + r"(?:'s|\u2019s|s')\s+" + _RELATIVE + r"\b"
            r"|\b"
            + _RELATIVE
            + r"\s+of\s+(?:the\s+|a\s+|our\s+)?(?:town\s+|county\s+|city\s+|local\s+|"
            r"(?:town|county|city|state)(?:'s|\u2019s)\s+)?" + _PUBLIC_ROLE + r"\b"
            r"|\b" + _KIN + r"\s+(?:is|was|'s|\u2019s)\s+(?:the\s+|an?\s+|our\s+)?"
            r"(?:(?:town|county|city|state|local|high\s+school|varsity|well[- ]known|popular)\s+)*"
            r"(?:football\s+|basketball\s+|baseball\s+)?(?:"
            + _PUBLIC_ROLE
            + r"|(?:head|assistant)\s+(?:\w+\s+)?coach"
            r"|(?:football|basketball|baseball|soccer|varsity|school)\s+coach|senator|"
            r"council\s+member|famous\s+\w+)\b"
            r"|\b" + _KIN + r"\s+coaches\s+(?:the\s+)?(?:varsity|high\s+school|\w+\s+team)\b"
            r"|\bplays?\s+(?:in|for)\s+the\s+" + _PRO_LEAGUES + r"\b"
            r"|\b" + _KIN + r"\s+(?:plays|played)\s+(?:pro\s+\w+\s+)?(?:for|in)\s+the\s+"
            r"(?:[A-Z][a-z]+|" + _PRO_LEAGUES + r")\b"
        ),
    ),
    # Seen in the media or known around town.
    (
        word_set(
            """front page magazine segment reality talent idol voice appeared profiled following
            locally knows celebrity gazette herald tribune courier journal times news paper
            papers footage billboard billboards statewide channel covered featured campaign
            commercial online contestant america radio tv livestreamed commercials video photo
            podcast documentary salió salio pasaron pasó paso presentadora presentador station
            press widely everyone viral shared filmed newspaper"""
        ),
        re.compile(
            r"(?i)\b(?:made|make|makes|making|hit|on|in|all\s+over)\s+(?:the\s+|every\s+)?"
            r"(?:(?:local|national|statewide|state|regional|evening|nightly|[A-Z][a-z]+)\s+)?"
            r"(?:news|papers?)\b"
            r"|\b(?:news\s+)?footage\b|\bbillboards?\b|\bstatewide\s+news\b"
            r"|\b(?:in|on)\s+the\s+[A-Z][a-z]+-[A-Z][a-z]+\b"
            r"|\bon\s+every\s+(?:channel|station|news)\b"
            r"|\b(?:on|to)\s+(?:the\s+)?channel\s+\d{1,2}\b"
            r"|\bcontestant\s+on\b|\b(?:good\s+morning\s+america|the\s+today\s+show)\b"
            r"|\b(?:national|network)\s+(?:\w+\s+){0,2}?(?:tv\s+)?show\b"
            r"|\bcovered\s+by\s+(?:the\s+)?(?:local\s+)?(?:paper|news|tv|press|media|station)\b"
            r"|(?-i:\bfeatured\s+on\s+[A-Z]{2,})|\b(?:national|tv)\s+ad\s+campaign\b"
            r"|\b(?:cereal|tv|toy|national)\s+commercial\b|\bknown\s+online\b"
            r"|\bfront\s+page\b|\b(?:in|on)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?-i:Gazette|Herald|"
            r"Tribune|Courier|Journal|Times|Post|Register|Sentinel|Chronicle|Dispatch)\b"
            r"|\b(?:in|on)\s+(?:\w+\s+)?magazine\b|\b(?:tv|television|news)\s+segment\b"
            r"|\breality\s+(?:show|tv|series)\b|\bappeared\s+on\b|\bprofiled\s+(?:in|on|by)\b"
            r"|\b(?:America's\s+Got\s+Talent|American\s+Idol|The\s+Voice)\b"
            r"|\b(?:big|large|huge)\s+(?:\w+\s+)?following\b|\bknown\s+locally\b"
            r"|\ball\s+over\s+the\s+(?:paper|papers|radio|internet|news)\b"
            r"|\b(?:\d{1,2}|six|ten|five|eleven)\s+o['\u2019]?clock\s+news\b"
            r"|\bon\s+every\s+(?:station|channel|network)\b"
            r"|\b(?:there['\u2019]?s\s+been|lots\s+of|got|drew)\s+(?:\w+\s+)?press\b"
            r"|\bwidely\s+(?:shared|circulated|viewed|reported)\b"
            r"|\bfilmed\s+by\s+(?:a\s+|the\s+)?(?:tv|news|television)\b"
            r"|\bnewspaper\s+(?:series|story|article|feature|profile)\b"
            r"|\b(?:the\s+)?story\s+everyone\s+(?:here\s+|in\s+town\s+)?(?:saw|knows|heard)\b"
            r"|\bviral\s+(?:[\w-]+\s+)?(?:video|photo|post|clip|picture)\b"
            r"|\bfeatured\s+in\s+(?:the|a)\s+(?:[\w-]+\s+){0,3}?(?:commercial|ad|campaign)\b"
            r"|\bthe\s+whole\s+(?:town|county|state|school|valley|island|reservation)\s+"
            r"(?:shared|saw|watched|knows|followed|prayed)\b"
            r"|\b(?:radio|tv|news)\s+station\s+picked\s+(?:it\s+)?up\b|\blivestreamed\b"
            r"|\b(?:tv|television|radio)\s+(?:commercials?|ads?)\b"
            r"|\b(?:the\s+)?(?:boy|girl|kid|child|teen)\s+in\s+the\s+(?:viral\s+)?(?:video|photo|picture|"
            r"clip)\b"
            r"|\bsubject\s+of\s+(?:a|the|that)\s+(?:[\w-]+\s+){0,2}(?:podcast|documentary|article|"
            r"series|book)\b|\btrue[- ]crime\b"
            # in Spanish: "salió en todos los noticieros", "pasaron en Telemundo"
            r"|\b(?:sali[oó]|pasaron|pas[oó])\s+en\s+(?:todos\s+los\s+noticieros|las\s+noticias|"
            r"el\s+noticiero|telemundo|univision|el\s+peri[oó]dico|la\s+tele)\b"
            r"|\bpresentador[a]?\s+del\s+noticiero\b"
            r"|\beveryone\s+(?:in\s+(?:town|the\s+county|the\s+school)\s+)?knows\s+(?:him|her|them|"
            r"the\s+family)\b|\blocal\s+(?:celebrity|hero|legend)\b"
        ),
    ),
    # Titles and records won, honors given.
    (
        word_set(
            """title titles record hopeful finalist medal honored named youngest first eagle
            varsity allstate all-state all-american ffa 4-h fbla deca hosa spelling world olympic
            ride full-ride recruit recruited committed d1 won tournament finals playoffs gano ganó
            received awarded medal youngest oldest fair reservation tribe pueblo buzzer-beater
            overall draft drafted valedictorian salutatorian history
            first"""
        ),
        re.compile(
            r"(?i)\b(?:state|national|regional|district|conference|league)\s+(?:[\w-]+\s+){0,2}"
            r"(?:title|titles|crown|champion)\b"
            r"|\b(?:holds?|held|set|sets|broke|breaks|owns)\s+(?:the\s+|a\s+)?(?:school|state|"
            r"county|national|world|track|meet)\s+record\b|\b(?:state|national|world)\s+record\b"
            r"|\bwon\s+(?:[\w'\u2019]+\s+){0,8}?(?:competition|contest|tournament|championship|award|"
            r"prize|pageant|bee|fair|division|scholarship|medal|powwow|rodeo|derby|dance|race|"
            r"show)\b"
            r"|\b(?:state|national|regional|sectional)\s+(?:tournament|finals|playoffs|meet)\b"
            r"|\b(?:first|1st|second|2nd|third|3rd)\s+place\s+(?:at|in)\s+the\s+(?:\w+\s+){0,3}?"
            r"(?:fair|competition|contest|tournament|meet|bee|olympiad)\b"
            r"|\b(?:the\s+)?first\s+to\s+(?:place|win|qualify|medal)\s+(?:at|for)\s+(?:state|nationals)\b"
            r"|\bthe\s+first\s+(?:[\w-]+\s+){1,4}?(?:from|in|at|of)\s+(?:the|our|this|his|her)\s+"
            r"(?:reservation|town|county|school|pueblo|village|tribe|nation|district)\b"
            r"|\bgan[oó]\s+(?:el|la)\s+(?:campeonato|concurso|competencia|torneo|premio)\b"
            r"|\b(?:olympic|national\s+team)\s+hopeful\b|\b(?:national|state)\s+(?:\w+\s+){0,2}finalist\b"
            r"|\b(?:medal|award|honou?red)\s+(?:\w+\s+){0,2}(?:by|from)\s+the\s+(?:governor|mayor|"
            r"president|white\s+house)\b|\b(?:student|athlete|kid)\s+of\s+the\s+year\b"
            r"|\b(?:youngest|first)\s+(?:person|girl|boy|kid|child|student|woman|man|latina|"
            r"latino|black|native)\s+(?:ever\s+)?to\b"
            r"|\b(?:youngest|oldest|first)\s+(?:[\w-]+\s+){1,3}ever\s+to\b"
            r"|\b(?:youngest|oldest|first)\s+(?:[\w-]+\s+){0,3}in\s+(?:the\s+)?[\w-]+(?:'s|\u2019s)?\s+"
            r"history\b|\b(?:first|second|third)\s+overall\b|\bdraft(?:ed)?\s+(?:pick|by|in)\b"
            r"|\b(?:valedictorian|salutatorian)\b"
            r"|\bfirst\s+(?:girl|boy|woman|man|kid|student|person)\s+ever\b|\bwon\s+state\b"
            r"|\b(?:hit|made|sank)\s+the\s+(?:buzzer[- ]beater|game[- ]winn(?:er|ing\s+\w+))\b"
            r"|\b(?:received|awarded|won|given|got)\s+(?:the|a)\s+(?:[A-Z][\w-]+\s+){1,3}"
            r"(?:Medal|Award|Prize|Scholarship)\b"
            r"|\b(?:national|state|regional)\s+spelling\s+bee\b|\bworld\s+record\b"
            r"|\bolympic\s+(?:swimmer|gymnast|athlete|skier|hopeful|team|trials)\b"
            r"|\ball[- ](?:state|american)\b"
            # a recruited athlete: "headed to Iowa on a full ride", "a D1 recruit"
            r"|\bon\s+a\s+full[- ]ride\b|\bfull[- ]ride\s+(?:scholarship\s+)?to\b"
            r"|\b(?:d1|division\s+(?:i|1))\s+(?:recruit|commit|scholarship|prospect)\b"
            r"|\b(?:heavily\s+)?recruited\s+by\b|\bcommitted\s+to\s+(?:play|wrestle|run|swim)\b"
            r"|\b(?:state|national|regional)\s+(?:ffa|4-h|fbla|deca|hosa|student\s+council)\s+"
            r"(?:president|officer|champion)\b"
        ),
    ),
    # Events that make a child known.
    (
        word_set(
            """shark shooting lottery make-a-wish wish crash separated bitten bit mauled struck
            attack parade lightning powerball won swept murder-suicide oldest youngest shooter
            testified wounded injured killed body balacera derrumbe wildfire flood tornado
            shooting pileup explosion hurricane massacre crashed"""
        ),
        re.compile(
            r"(?i)\b(?:bit|bitten|attacked|mauled)\s+by\s+(?:a|the)\s+(?:shark|bear|alligator|"
            r"mountain\s+lion)\b"
            r"|\blightning\s+strike\b|\bswept\s+away\b|\bmurder-suicide\b"
            r"|\bwon\s+\$?\d[\d,.]*\s*(?:k|m|million|thousand|billion)?\s+(?:in|on|from)\s+the\b"
            r"|\b(?:powerball|mega\s+millions)\b"
            r"|(?-i:\bwon\s+the\s+[A-Z][\w-]+(?:\s+(?:[A-Z][\w-]+|\d+))*)"
            r"|\b(?:oldest|youngest)\s+living\b"
            r"|\b(?:shark|bear|alligator)\s+attack\b|\bthe\s+(?:school|mall|church)\s+shooting\b"
            r"|\bwon\s+the\s+(?:\w+\s+)?lottery\b|\bmake[- ]a[- ]wish\b"
            r"|\bthe\s+(?:bus|plane|train|school\s+bus)\s+crash\b|\bseparated\s+at\s+birth\b"
            r"|\btestified\s+(?:at|before|in)\s+(?:the\s+|her\s+|his\s+)?(?:[\w'\u2019]+\s+){0,3}(?:statehouse|legislature|"
            r"senate|congress|capitol|hearing|trial|council)\b"
            r"|\bstruck\s+by\s+lightning\b|\b(?:rode|marched|float)\s+in\s+the\s+[A-Z][a-z]+\s+Parade\b"
            r"|\b[A-Z][a-z]+\s+Parade\s+float\b"
            r"|\b(?:wounded|injured|killed|hurt|shot)\s+in\s+the\s+(?:[\w-]+\s+){0,2}(?:shooting|"
            r"crash|fire|explosion|attack|collapse|flood|tornado|wreck|stampede)\b"
            r"|\bfound\s+the\s+body\b"
            r"|\bthat\s+killed\s+(?:\w+\s+){0,2}(?:people|kids|children|students|teens|of\s+them)\b"
            r"|(?-i:\bthe\s+(?:[A-Z][\w-]+\s+){1,3})(?:fire|wildfire|flood|tornado|shooting|crash|"
            r"pileup|explosion|hurricane|massacre)\b"
            r"|\blost\s+(?:their|his|her)\s+home(?=\s+(?:and\s+\w+\s+\w+\s+)?in\s+the\b)"
            r"|\bthe\s+(?:school\s+)?bus\s+that\s+(?:went|crashed|rolled|flipped)\b"
            r"|\bbalacera\b|\bderrumbe\b"
            r"|\b(?:was|is)\s+the\s+(?:\w+\s+)?shooter\b|\bthe\s+(?:school|mall|church)\s+shooter\b"
        ),
    ),
    # A child pointed out by what they did that the town saw: "the girl who testified",
    # "the boy who survived the crash", "the sophomore who won", "the twin who sang".
    (
        word_set("who whose"),
        re.compile(
            r"(?i)\bthe\s+(?:\w+\s+)?(?:boy|girl|kid|teen|teenager|child|one|twin|triplet|"
            r"sophomore|freshman|junior|senior|son|daughter|athlete|player|student)\s+"
            r"(?:who|whose\s+\w+)\s+(?:\w+\s+)?(?:won|survived|saved|rescued|testified|appeared|"
            r"starred|sang|performed|competed|placed|set|broke|holds|escaped|was\s+(?:on|in|featured|"
            r"kidnapped|abducted|found|shot|bitten|struck|pulled|rescued|crowned|named|interviewed)|"
            r"went\s+viral|made\s+the|got\s+(?:famous|known))\b"
        ),
    ),
    # Rare events that make a family known.
    (
        word_set("survivor pulled survived rescued saved kidnapped abducted missing lost"),
        re.compile(
            r"(?i)\b(?:sole|only)\s+survivor\b"
            r"|\bpulled\s+from\s+the\s+(?:river|lake|pond|creek|rubble|wreck|fire|well|flood\w*)\b"
            r"|\bsurvived\s+(?:the|a)\s+(?:\w+\s+)?(?:tornado|hurricane|shooting|crash|fire|flood|"
            r"explosion|attack|wreck|collapse)\b"
            r"|\b(?:rescued|saved)\s+(?:\w+\s+){0,3}?from\s+(?:a|the)\s+(?:\w+\s+)?(?:fire|river|"
            r"lake|pond|flood|well|drowning|wreck|burning\s+\w+)\b"
            r"|\b(?:was\s+)?(?:kidnapped|abducted)\b|\bmissing\s+(?:child|for\s+\d+\s+days)\b"
            r"|\blost\s+in\s+the\s+(?:woods|wilderness|mountains|desert)\b"
        ),
    ),
    # Firsts and records: the first case the county has seen, the smallest preemie on record.
    (
        word_set(
            """first only smallest youngest oldest largest tallest record ever history worldwide
            dozen handful"""
        ),
        re.compile(
            r"(?i)\bone\s+of\s+(?:only\s+|about\s+|around\s+|approximately\s+|fewer\s+than\s+)?"
            r"(?:a\s+handful|a\s+few|\d+|few|two|three|a\s+dozen|dozen|\w+\s+dozen)\s+"
            r"(?:\w+\s+){0,3}?(?:in\s+the\s+(?:world|country|nation|state|us|u\.s\.)\b|worldwide\b)|"
            r"\b(?:the\s+)?first\s+(?:case|child|kid|patient|one)\s+(?:\w+\s+){0,4}?"
            r"(?:in|of)\s+(?:our|the|this)\s+(?:county|town|state|area|region|valley)\b"
            r"(?:\s+(?:has|have|had)\s+(?:ever\s+)?seen)?"
            r"|\b(?:smallest|youngest|oldest|largest|tallest|heaviest|first)\s+(?:\w+\s+){0,4}?"
            r"(?:on\s+record|ever\s+(?:born|recorded|seen|treated)|in\s+(?:the\s+)?(?:state|county|"
            r"town|hospital)(?:'s)?\s+history)\b"
        ),
    ),
    # Coverage and spread in other words ("the Statesman wrote him up", "a video of it went
    # around school", "on channel four news"), roles a town knows ("the base commander", "on
    # tribal council", "the rodeo queen") and "the only" of a group ("only female K-9 handler").
    (
        word_set(
            """wrote ran covered interviewed went channel dateline commander council delegate
            director queen president only museum smithsonian plaque newspaper newspapers
            headlines nationwide statewide nationally governor bill everywhere spoke school"""
        ),
        re.compile(
            r"(?i)\bwrote\s+(?:him|her|them)\s+up\b"
            r"|\bran\s+(?:a|the)\s+(?:\w+\s+)?(?:story|piece|photo|article|segment|feature)\b"
            r"|\bcovered\s+(?:statewide|nationally|nationwide|by\s+(?:the\s+)?(?:local\s+)?(?:news|paper|"
            r"papers|press|tv|stations?))\b"
            r"|\binterviewed\s+(?:him|her|them)\s+on\s+(?:camera|tv|the\s+news|the\s+radio)\b"
            r"|\b(?:video|clip|photo|post|picture)s?\s+(?:of\s+(?:it|him|her|them)\s+)?went\s+around\s+"
            r"(?:the\s+)?(?:school|town|facebook|snapchat|tiktok|instagram|social\s+media|"
            r"the\s+internet|the\s+county|the\s+base|the\s+reservation)\b"
            r"|\bchannel\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"thirteen)\s+news\b|\bon\s+dateline\b"
            r"|\b(?:the\s+)?(?:base|garrison|post|installation|wing|brigade|battalion)\s+commander\b"
            r"|\bcommanding\s+officer\b|\b(?:is|sits|serves)\s+on\s+(?:the\s+)?tribal\s+council\b"
            r"|\b(?:chapter|council)\s+(?:president|delegate)\b|\bband\s+director\b"
            r"|\brodeo\s+queen\b"
            r"|\b(?:the\s+)?only\s+(?:female|male|woman|black|native|catholic|jewish|muslim|"
            r"hispanic|latina|latino)\s+[\w-]+(?:\s+(?:handler|chaplain|officer|pilot|surgeon|"
            r"judge|doctor|dentist|teacher))?\b"
            r"|\bthe\s+only\s+(?:kid|child|girl|boy|one)\s+with\s+[A-Z][\w-]+"
            r"|\b(?:in|at)\s+the\s+(?:Smithsonian|[A-Z][a-z]+\s+Museum)\b"
            r"|\bname\s+is\s+on\s+(?:the|a)\s+(?:plaque|wall|building|bill|law|banner)\b"
            # "ran in newspapers nationwide", "was celebrated in the regional newspaper"
            r"|\b(?:in|ran\s+in|made)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:newspapers?|headlines)\b"
            r"|\b(?:went|ran|covered|reported|shared|known|famous|circulated)\s+(?:\w+\s+){0,3}?"
            r"(?:nationwide|statewide|nationally)\b"
            r"|\bthe\s+governor\s+(?:mentioned|honored|recognized|praised|thanked|visited|named|"
            r"called|invited)\b"
            r"|\bbill\s+(?:\w+\s+){0,4}?(?:carries|named\s+(?:after|for))\s+(?:his|her|their)\b"
            r"|\bit\s+(?:was|is)\s+everywhere\b"
            r"|\bspoke\s+at\s+the\s+(?:\w+\s+)?(?:memorial|vigil|rally|hearing|funeral|capitol|"
            r"statehouse|legislature)\b"
            r"|\b(?:a|the)\s+school\s+record\b"
        ),
    ),
    # Pageants, network television, trending posts.
    (
        word_set(
            """reigning crowned pageant homecoming prom espn cnn fox nbc cbs abc pbs radio
            trending guinness blew all commercial commercials actor actress starred miss"""
        ),
        re.compile(
            r"(?i)\b(?:reigning|crowned)\b|\bpageant\s+(?:winner|queen|title)\b"
            r"|\b(?:homecoming|prom)\s+(?:king|queen)\b"
            r"|\b(?:on|aired\s+on)\s+(?:ESPN|CNN|Fox(?:\s+News)?|NBC|CBS|ABC|PBS|the\s+radio)\b"
            r"|\btrending\b|\bguinness\b|\bblew\s+up\s+on\b"
            r"|\ball\s+over\s+(?:snap(?:chat)?|tiktok|insta(?:gram)?|facebook|fb|youtube|twitter|"
            r"social\s+media|the\s+internet|the\s+news|town)\b"
            r"|\b(?:in|on)\s+(?:a|the)\s+(?:\w+\s+)?commercials?\b|\bchild\s+(?:actor|actress|model)\b"
            r"|\bstarred\s+in\b"
            # "runner-up Miss Teen Nebraska", "Little Miss Tri-County" (not "Miss Smith")
            r"|(?-i:\b(?:Little\s+|Junior\s+)?Miss\s+(?:Teen|Junior|Pre-?[Tt]een|America|USA)\b"
            r"(?:\s+[A-Z][\w-]+){0,2}|\bLittle\s+Miss\s+[A-Z][\w-]+)"
        ),
    ),
)


# "played on WSAZ", "the WBIR footage": a television station by its call sign.
# (opens with its character: see echo.phi.text)
_CALL_SIGN_HINT = re.compile(r"[KW](?<!\w[KW])[A-Z]{2,3}\b")
_ON_A_STATION = re.compile(
    r"\b(?:on|in)\s+(?:the\s+)?"
    + _CALL_SIGN
    + r"\b|\b"
    + _CALL_SIGN
    + r"\s+(?:news|footage|story|report)\b"
)
# "was on 9News", "on 7 News": a station by its channel number.
_NUMBERED_NEWS_HINT = re.compile(r"\d ?[Nn][Ee][Ww][Ss]")
_NUMBERED_NEWS = re.compile(r"(?i)\bon\s+(?:channel\s+)?\d{1,2}\s?news\b")
_WIDE_TITLE = re.compile(
    r"(?i)\b[a-z]+-wide\s+(?:[\w-]+\s+){0,2}(?:title|championship|award|champion)\b"
)
# How far around a cue word its pattern is tried: the longest cue phrase spans less.
_BEFORE, _AFTER = 120, 160


def _near(
    words: str, pattern: str, before: int, after: int
) -> tuple[frozenset[str], re.Pattern[str], int, int]:
    return word_set(words), at_word_starts(re.compile(r"(?i)" + pattern)), before, after


# Cues tried in narrower windows: each opens or closes with its word, so only that many
# characters before and after the word are read. Coverage, community and events in other
# words ("was on 9News", "went national", "the whole school raised money for", "lost both
# parents in the mine collapse", "fell through the ice", "the kid from the subway surfing
# video", "NY1 did a whole feature"), a parent's role ("dad is the tulip festival director",
# "Su mamá es la alcaldesa", "an imam at Masjid ..."), titles ("the state cup final", "a
# nationally ranked junior chess player") and events ("the outlet mall shooting", "the
# crash on I-80 that killed two of his teammates").
_NEAR_CUES = (
    # opened by their word
    _near(
        "national news whole lost pulled youngest oldest only livestream front stations cover",
        r"\bwent\s+national\b|\b(?:was|were|made)\s+(?:\w+\s+)?national\s+(?:news|interview)\b"
        r"|\bthe\s+news\s+(?:did|ran|had|covered|was\s+there)\b|\blivestream\b"
        r"|\b(?:on\s+)?the\s+front\s+of\s+the\s+(?:paper|(?-i:[A-Z])[a-z]+)"
        r"|\bthe\s+whole\s+(?:town|school|county|parish|community|church|valley|reservation|"
        r"state|team)\s+(?:\w+\s+){0,5}?(?:raised|marched|rallied|prayed|came\s+out|showed\s+up|"
        r"fundraiser)\b"
        r"|\blost\s+(?:both\s+(?:parents|of\s+\w+\s+parents)|(?:his|her|their)\s+\w+"
        r"(?:\s+and\s+\w+)?)\s+in\s+the\s+(?:[\w-]+\s+){0,2}?(?:fire|crash|collapse|explosion|"
        r"flood|shooting|avalanche|tornado|wreck|mudslide|landslide)\b"
        r"|\blost\s+(?:their|his|her)\s+(?:house|trailer|home)\s+in\s+the\b"
        r"|\bpulled\s+(?:\w+\s+){0,3}?(?:out\s+of|from)\s+the\s+(?:ice|water|river|lake|rubble|"
        r"surf|pond|pool|creek|car|fire|house)\b"
        r"|\b(?:youngest|oldest)\s+(?:[\w-]+\s+){0,2}?(?:ever\b|in\s+the\s+(?-i:[A-Z]))"
        r"|\bthe\s+youngest\s+[\w-]+\s+(?:ever\s+)?to\b"
        r"|\bonly\s+(?:kid|child|girl|boy|student|family|one)\s+in\s+(?:the|our|his|her)\s+"
        r"(?:county|town|valley|state|district|school|village|tribe)\s+(?:with|who|to)\b"
        r"|\b(?:tv|news)\s+stations?\s+(?:\w+\s+){0,3}?(?:story|feature|running|ran|covered|"
        r"interview)\b|\b(?:local\s+)?stations\s+kept\s+running\b"
        r"|\bon\s+the\s+cover\s+of\b",
        12,
        100,
    ),
    # closed by their word
    _near(
        """stations channels channel station network news ice rescue ever award medal prize
        feature segment piece interview picture photo story show shows group page feed
        director pilot laureate president chairman chairwoman owner founder host captain editor
        alcalde alcaldesa juez jueza pastora directora command commanding commander chaplain
        publicly blog final finals semifinal game ranked star movie film series killed drowned
        died crashed record iditarod perfect no-hitter trick missing posters tv television
        documentary ambulance car truck lot elevator snowstorm blizzard hit came took senator
        representative rep speaker""",
        r"\bon\s+all\s+the\s+(?:[\w-]+\s+)?(?:stations|channels|news)\b"
        r"|\b(?:fell|went|broke)\s+through\s+the\s+ice\b|\bsearch\s+and\s+rescue\b"
        r"|\bfirst\s+ever(?=\s*[.,;)!]|\s*$)"
        r"|\b(?:received|awarded|won|given|got)\s+(?:the|a|an)\s+(?-i:(?:[A-Z][\w-]+\s+){1,3})"
        r"(?:medal|award|prize)\b"
        r"|\bon\s+every\s+(?:[\w-]+\s+){0,2}(?:channel|station|network|news)s?\b"
        r"|\bdid\s+(?:a|an)\s+(?:whole\s+|national\s+|big\s+)?(?:feature|story|segment|piece|"
        r"interview)\b"
        r"|\bran\s+(?:his|her|their)\s+(?:picture|photo|story)\b"
        r"|\bthe\s+(?:today|tonight)\s+show\b|\bmorning\s+shows?\b"
        r"|\ball\s+over\s+the\s+(?:[\w'-]+\s+){0,3}?(?:group|page|feed)\b"
        r"|\b" + _KIN + r"\s+(?:is|was)\s+the\s+(?:[\w#'-]+\s+){0,3}?(?:director|pilot|"
        r"laureate|president|chair(?:man|woman)?|owner|founder|host|captain|editor)\b"
        r"|\b(?:pap[aá]|mam[aá]|padre|madre)\s+es\s+(?:el|la)\s+(?:alcalde|alcaldesa|juez|"
        r"jueza|pastor|pastora|director|directora|sheriff)\b"
        r"|\b(?:son|daughter|kid|child)\s+of\s+the\s+(?:post|base|installation|unit|wing)"
        r"(?:'s|\u2019s)?\s+(?:command|commanding|commander|chaplain)\b"
        r"|\b(?:blogs?|posts?|vlogs?)\s+(?:\w+\s+){0,2}?publicly\b|\bpublic\s+blog\b"
        r"|\bstate\s+(?:cup\s+)?(?:final|finals|semifinal|championship\s+game)\b"
        r"|\bnationally\s+ranked\b|\b(?:program|team|show)(?:'s|\u2019s)\s+star\b"
        r"|\b(?:an?\s+extra|a\s+role)\s+in\s+the\s+(?:[\w-]+\s+){0,3}?(?:movie|film|show|series)\b"
        r"|\bthe\s+(?:kid|boy|girl|one|teen)\s+who\s+(?:drowned|died|crashed|was\s+killed)\b"
        # "set the state 5A record", "placed 2nd in the Jr. Iditarod", "threw the perfect
        # game", "on all the posters", "brought out on live TV", "from that documentary",
        # "on that TLC show", "born in the ambulance", "when the tornado hit"
        r"|\b(?:set|sets|broke|holds?|held)\s+the\s+(?:school|state|county|meet|national)\s+"
        r"(?:[\w-]+\s+){0,2}?record\b"
        r"|\bplaced\s+(?:1st|2nd|3rd|first|second|third)\s+(?:in|at)\s+the\s+(?:[\w.-]+\s+){0,3}?"
        r"(?-i:[A-Z])[\w-]+\b"
        r"|\b(?:perfect\s+game|no-hitter|hat\s+trick)\b|\bregional\s+final\b"
        r"|\bwent\s+missing\b|\bon\s+all\s+the\s+posters\b|\blive\s+(?:tv|television)\b"
        r"|\b(?:that|the)\s+(?:[\w-]+\s+)?documentary\b"
        r"|\bthat\s+(?:(?-i:[A-Z]{2,4})|tv|reality)\s+show\b"
        r"|\bborn\s+in\s+the\s+(?:ambulance|car|truck|parking\s+lot|elevator|snowstorm|blizzard)\b"
        r"|\bwhen\s+the\s+(?:tornado|hurricane|flood|storm|fire)\s+(?:hit|came|took)\b"
        # "Dad Greg is the state senator for our district", "the last fluent speaker"
        r"|\bis\s+the\s+state\s+(?:senator|representative|rep)\b"
        r"|\bthe\s+last\s+(?:fluent\s+)?(?:[\w-]+\s+)?speaker\b",
        70,
        12,
    ),
    # the child "from the ... video", an event named by its place
    _near(
        """news video story rescue article commercial show photo picture livestream clip post
        fire crash shooting accident flood explosion collapse""",
        r"\bthe\s+(?:\d{1,2}\s*yo\s+)?(?:kid|boy|girl|one|teen|child|twins?)\s+(?:from|in|on)\s+"
        r"the\s+(?:[\w'-]+\s+){0,6}?(?:news|video|story|rescue|article|commercial|show|photo|"
        r"picture|livestream|clip|post|fire|crash|shooting|accident|flood)\b"
        r"|\bthe\s+(?:[a-z-]+\s+){0,2}(?:mall|school|church|park|station|bus|plant|mill|mine|"
        r"courts?)\s+(?:shooting|fire|explosion|crash|collapse)\b"
        r"|(?-i:\bthe\s+(?:[A-Z][\w-]+\s+){1,3}[a-z]+\s+(?:shooting|fire|explosion|crash))\b"
        r"|\bthe\s+(?:shooting|fire|crash|explosion)\s+at\s+the\s+(?-i:[A-Z])"
        r"|\bthe\s+(?:[\w-]+\s+){0,2}?(?:collapse|explosion|avalanche|fire|crash|wreck|shooting)\s+"
        r"(?:that|which)\s+killed\b",
        90,
        30,
    ),
    # opened by a word in the middle: "an imam at", "that killed two of his", "is an ER
    # physician at our hospital"
    _near(
        "imam pastor rabbi priest minister preacher killed our",
        r"\b(?:an?|the)\s+(?:imam|pastor|rabbi|priest|minister|preacher)\s+(?:at|of)\s+(?-i:[A-Z])"
        r"|\bthat\s+killed\s+(?:\w+\s+){0,3}?(?:people|kids|children|students|teens|teammates|"
        r"classmates|friends|family|of\s+(?:them|his|her))\b"
        r"|\b(?:is|'s)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:physician|doctor|nurse|therapist|"
        r"pediatrician|teacher|counselor)\s+(?:at|in)\s+(?:our|this)\s+(?:hospital|clinic|"
        r"practice|school|office)\b",
        50,
        40,
    ),
)


# Every cue opens at a word: tried only there (see at_word_starts).
_CUES = tuple((words, at_word_starts(pattern)) for words, pattern in _CUES)


def find(doc: Document) -> Iterator[Hit]:
    """Each pattern runs only near its words (a few windows, not the whole text: a long case
    would otherwise be read once per pattern)."""
    matches: list[Iterable[re.Match[str]]] = [
        doc.find_near(pattern, words, _BEFORE, _AFTER) for words, pattern in _CUES
    ]
    matches += [doc.find_near(rx, words, before, after) for words, rx, before, after in _NEAR_CUES]
    # the relative's word opens its pattern: read only after it
    relatives = doc.near(_RELATIVES_ROLE_WORDS, 2, 110)
    matches.append(find_led(doc, _RELATIVES_ROLE_LED, relatives))
    if doc.holds(_CALL_SIGN_HINT):
        matches.append(doc.fast(_ON_A_STATION).finditer(doc.text))
    if doc.holds(_NUMBERED_NEWS_HINT):
        matches.append(doc.fast(_NUMBERED_NEWS).finditer(doc.text))
    if "-wide" in doc.text:  # "the reservation-wide cross-country title"
        matches.append(doc.fast(_WIDE_TITLE).finditer(doc.text))
    for match in chain.from_iterable(matches):
        yield Hit(
            match.start(),
            match.end(),
            "characteristic",
            Priority.CHARACTERISTIC,
            SUGGESTIONS["characteristic"],
        )
