"""Words of the trade, written here rather than in data/: the ones several detectors read.
A detector's own words stay in its module."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The articles ("told a Raven story": no name after one).
ARTICLES = word_set("a an the")

# Greetings: what opens a message to someone ("Dear provider,", "Hi doctor,"), never a name.
GREETINGS = word_set("dear hi hello hey")

# The four points of the compass: part of a town's name ("Helena-West Helena") or of a
# hospital unit's ("admitted to 4 West"), never a person's.
COMPASS_POINTS = word_set("north south east west")

# Words before a noun that make it a common one ("the doc", "our judge").
DETERMINERS = word_set("the a an your my our these those this that")
# Words that never start or continue a name, whatever the lists say.
FUNCTION_WORDS = word_set(
    """a an the and or but nor if so as at by for from in into of on onto to with without via per
    ive youve weve theyve
    is was are were be been being am has have had do does did will would can could may might
    must shall should he she they we i you it him her them us me his hers their theirs our ours
    my your its this that these those there here who whom whose which what where when why how
    all any some each both either neither no not yes also then than very just only still even
    too again once after before during since until till while because though although about
    above below over under between through against among around up down out off near toward
    towards upon within mr mrs ms miss dr mx st jr sr md do rn np pa pt pts patient patients re
    cc dc mom moms dad dads mother father sister brother son daughter parents parent family
    today tonight yesterday tomorrow now later am pm monday tuesday wednesday thursday friday
    saturday sunday"""
)

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


# Relation words -> who they are to the child, for the suggested rewrite.
RELATIONS: dict[str, str] = {
    "mother": "mother", "mom": "mother", "mommy": "mother", "mum": "mother", "mama": "mother",
    "mami": "mother", "father": "father", "dad": "father", "daddy": "father", "papa": "father",
    "papi": "father", "stepmother": "stepmother", "stepmom": "stepmother",
    "step-mother": "stepmother", "step-mom": "stepmother", "stepfather": "stepfather",
    "stepdad": "stepfather", "step-father": "stepfather", "step-dad": "stepfather",
    "sister": "sister", "sis": "sister", "brother": "brother", "bro": "brother",
    "sibling": "sibling", "sib": "sibling", "sibs": "sibling", "half-sister": "half-sister",
    "half-brother": "half-brother",
    "stepsister": "stepsister", "stepbrother": "stepbrother", "twin": "twin",
    "grandmother": "grandmother", "grandma": "grandmother", "granny": "grandmother",
    "nana": "grandmother", "abuela": "grandmother", "grandfather": "grandfather",
    "grandpa": "grandfather", "granddad": "grandfather", "abuelo": "grandfather",
    "abuelita": "grandmother", "abuelito": "grandfather", "bisabuela": "great-grandmother",
    "bisabuelo": "great-grandfather",
    "memaw": "grandmother", "gram": "grandmother", "gramma": "grandmother",
    "gma": "grandmother", "gpa": "grandfather", "ggma": "great-grandmother",
    "ggpa": "great-grandfather",
    "grammy": "grandmother", "gramps": "grandfather", "nonna": "grandmother",
    "nonno": "grandfather", "oma": "grandmother", "opa": "grandfather",
    "great-grandmother": "great-grandmother", "great-grandfather": "great-grandfather",
    "aunt": "aunt", "auntie": "aunt", "aunty": "aunt", "tia": "aunt", "tita": "aunt",
    "uncle": "uncle", "tio": "uncle", "tito": "uncle",
    "cousin": "cousin", "guardian": "guardian", "parent": "parent", "caregiver": "caregiver",
    "niece": "niece", "nephew": "nephew", "wife": "wife", "husband": "husband",
    "partner": "partner", "boyfriend": "boyfriend", "girlfriend": "girlfriend",
    "fiance": "fiance", "fiancee": "fiancee", "friend": "friend", "bff": "friend",
    "classmate": "classmate", "roommate": "roommate", "babysitter": "babysitter",
    "nanny": "nanny", "teacher": "teacher", "aide": "aide", "paraprofessional": "aide",
    "coach": "coach", "neighbor": "neighbor", "neighbour": "neighbor", "tutor": "tutor",
    "pastor": "pastor", "godmother": "godmother", "godfather": "godfather", "proxy": "proxy",
    "dtr": "daughter", "spokesperson": "spokesperson", "boss": "employer",
    "employer": "employer", "son": "child", "daughter": "child", "grandson": "grandson",
    "granddaughter": "granddaughter", "grandaughter": "granddaughter",
    "grandchild": "grandchild", "grandkid": "grandchild", "grandbaby": "grandchild",
    # as families in Appalachia and the South say them
    "mamaw": "grandmother", "meemaw": "grandmother", "papaw": "grandfather",
    "pawpaw": "grandfather", "granddaddy": "grandfather", "grandmama": "grandmother",
    "great-granny": "great-grandmother", "mawmaw": "grandmother",
    # Franco-American, and notes' shorthand (maternal / paternal, great-)
    "memere": "grandmother", "mémère": "grandmother", "pepere": "grandfather",
    "grandpère": "grandfather", "grandmère": "grandmother", "great-grandpère": "great-grandfather",
    "great-grandmère": "great-grandmother", "grandpere": "grandfather", "grandmere": "grandmother",
    "great-grandpere": "great-grandfather", "great-grandmere": "great-grandmother",
    "pépère": "grandfather", "mgm": "grandmother", "pgm": "grandmother", "mgf": "grandfather",
    "pgf": "grandfather", "ggm": "great-grandmother", "ggf": "great-grandfather",
    "gm": "grandmother", "gf": "grandfather",
    # Korean, Tagalog: "Halmeoni lives with them", "Lola watches him"
    "halmeoni": "grandmother", "halmoni": "grandmother", "harabeoji": "grandfather",
    # Pennsylvania Dutch, as Amish families say it: "Grossdaddy Jonas (96 yo)"
    "grossdaddy": "grandfather", "grossmammi": "grandmother", "grossmommi": "grandmother",
    # in the families' languages: Lakota, Navajo, Haitian Creole, Somali
    "unci": "grandmother", "tunkasila": "grandfather", "shimásání": "grandmother",
    "shimasani": "grandmother", "shicheii": "grandfather", "manman": "mother",
    "ayeeyo": "grandmother", "awoowe": "grandfather", "hooyo": "mother", "aabo": "father",
    "eedo": "aunt", "abti": "uncle", "tante": "aunt", "tonton": "uncle", "matant": "aunt",
    "granmè": "grandmother", "granpè": "grandfather", "grann": "grandmother",
    # Vietnamese, Portuguese, Ukrainian: "bà Lý", "avó Rosa", "babusia Halyna"
    "bà": "grandmother", "ông": "grandfather", "avó": "grandmother", "avô": "grandfather",
    "mãe": "mother", "babusia": "grandmother", "babusya": "grandmother", "dido": "grandfather",
    # who pays, in a billing header: "Guarantor Marie-Claude Fils-Aimé"
    "guarantor": "guarantor", "subscriber": "subscriber", "policyholder": "policyholder",
}  # fmt: skip

# What a person's name takes before it with 's ("KB's best friend", "mason's school"): the
# words that make a possessive a person's, besides the relations.
PERSONS_THINGS = word_set(
    """friend best dog cat coach teacher room bed phone school class house home team"""
)

PATIENT_WORDS = word_set(
    """patient pt client child kid student boy girl toddler infant baby teen teenager adolescent
    youth preschooler kindergartner"""
)

# Clinician roles -> suggested rewrite.
ROLES: dict[str, str] = {
    "therapist": "the child's therapist", "psychotherapist": "the child's therapist",
    "counselor": "the counselor", "counsellor": "the counselor",
    "psychiatrist": "the child's psychiatrist", "psychologist": "the psychologist",
    "pediatrician": "the child's pediatrician", "paediatrician": "the child's pediatrician",
    "pcp": "the child's pediatrician", "neurologist": "the neurologist",
    "physician": "the physician", "doctor": "the physician", "clinician": "the clinician",
    "provider": "the clinician", "np": "the nurse practitioner", "nurse": "the nurse",
    "rn": "the nurse", "worker": "the social worker", "manager": "the case manager",
    "coordinator": "the care coordinator", "attending": "the attending physician",
    "resident": "the resident", "fellow": "the fellow", "bcba": "the behavior analyst",
    "slp": "the speech therapist", "ot": "the occupational therapist",
    "caseworker": "the caseworker", "interpreter": "the interpreter",
    "chaplain": "the chaplain", "rabbi": "the rabbi", "priest": "the priest",
}  # fmt: skip

CREDENTIALS = word_set(
    """md m.d. do d.o. phd ph.d. psyd psy.d. lcsw licsw lmsw lmft lpc lpcc lmhc np cpnp pnp fnp
    aprn pmhnp pa-c rn bsn msn rrt bcba ccc-slp slp otr otr/l msw edd ncsp dnp"""
)

# Institution words: a run of capitalised words ending in one of these names a place.
FACILITY_SUFFIXES = word_set(
    """hospital hospitals hosp clinic clinics healthcare health medical pediatrics paediatrics
    children's childrens institute infirmary hospice rehab rehabilitation psychiatry university
    recovery counseling counselling bhc rtc prtf chc fqhc cmhc psychology telepsychiatry
    telehealth residence pharmacy drug"""
)
FACILITY_AFTER_GENERIC = word_set("center centre associates group partners practice unit")
SCHOOL_SUFFIXES = word_set(
    """elementary middle high intermediate primary academy montessori preschool pre-school prek
    pre-k prep preparatory daycare day-care childcare kindergarten nursery school schools
    collegiate charter consolidated magnet conservatory
    college isd"""
)
WORSHIP_SUFFIXES = word_set(
    """church chapel temple synagogue mosque masjid cathedral parish congregation congregational
    ministries
    ministry fellowship tabernacle assembly"""
)
TEAM_SUFFIXES = word_set(
    "team club league fc sc ymca ywca aquatics gymnastics bjj mma karate taekwondo dojo symphony"
    " orchestra chorale choir troupe"
)
STREET_WORDS = word_set(
    """street st avenue ave road rd boulevard blvd lane ln drive dr court ct way place pl terrace
    ter circle cir parkway pkwy highway hwy trail trl square sq loop pike alley plaza crescent
    row close concourse"""
)
COUNTY_WORDS = word_set("county parish township borough")
INSTITUTION_WORDS = (
    FACILITY_SUFFIXES
    | FACILITY_AFTER_GENERIC
    | SCHOOL_SUFFIXES
    | WORSHIP_SUFFIXES
    | TEAM_SUFFIXES
    | COUNTY_WORDS
    | word_set("street avenue road boulevard lane drive apartments state general")
)

# Words in institution names that name no particular place ("Children's Hospital").
GENERIC_PLACE_WORDS = word_set(
    """children's childrens child children kids kid's pediatric paediatric pediatrics medical
    health healthcare behavioral behavioural mental psychiatric psychological community general
    regional memorial university county state city national family primary care urgent center
    centre clinic clinics hospital hospitals hosp services service counseling counselling
    treatment rehabilitation rehab youth adolescent adolescents teen women's inpatient
    outpatient partial day residential crisis local new main specialty developmental autism
    teaching academic veterans va integrated comprehensive unit units program programs
    department dept emergency wellness guidance resource resources advocacy public private
    charter special alternative therapeutic catholic christian lutheran jewish islamic
    montessori waldorf boarding home online virtual summer sunday bible magnet early learning
    head start little boys girls elementary middle high junior senior intermediate primary
    secondary school schools academy preschool daycare childcare kindergarten nursery prep
    preparatory college church chapel temple synagogue mosque cathedral parish congregation
    ministries fellowship baptist methodist presbyterian episcopal pentecostal evangelical
    orthodox apostolic adventist unitarian reformed nazarene assembly god team club league
    travel varsity swim soccer football baseball basketball hockey softball dance gymnastics
    cheer chess robotics band orchestra choir support parent parents group associates partners
    student students intervention leadership
    practice institute infirmary hospice psychiatry sleep neurology cardiology genetics trauma"""
)

US_STATE_ABBREVIATIONS = word_set(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU"""
)

# Acronyms that look like initials.
ACRONYMS = word_set(
    """ADHD ADD ASD ODD OCD PTSD CBT DBT PCIT ABA FBT RUBI NAMI CHADD THC SRO MP IEP PCP MD DO NP
    PA RN ED ER ICU PICU NICU CPS
    DCF DCFS DSS DHS SSRI SNRI BMI BP HR RR GAD PHQ MDD DMDD SAD ID IQ EEG MRI CT EKG ECG UA UDS
    ENT GI OT PT SLP BID TID QID QHS PRN PO IM IV SI HI SIB NSSI TBI CP FAS FASD MI OK TV UK US
    USA AM PM LD SLD DD GDD ACE ACES LGBT LGBTQ BCBA LCSW LPC NOS DSM ICD CDC AAP APA FDA NIMH
    NIH WHO WIC SNAP SSI TANF CHIP EI ECHO IOP PHP ASQ SDQ CDI PSC MFQ SCARED YMRS CGAS CGI TF
    IPT ACT ERP MST FFT IY PMT CPP ARC TIC TBD NA NKDA HPI PMH ROS FH SH ASAP FYI IDK JK LOL OMG
    OTC RX HX DX TX SX FX PE NAD WNL AOX SOB CHF CAD COPD DM HTN GAL CASA RE FW FWD CC BCC XX
    XXX MCO HMO PPO EPO ACO PBM EHR EMR IT AH VH CVS OCS DHR DCYF DFPS DHHS DCS DJJ OCFS ACS IHS
    MHS DOB MH
    DSHS DYS DOC QTc QTC FB IG CHW CHR HA CNA ALL AML"""
)


# Peoples whose names are also given names or start names of places ("Lakota Pines").
PEOPLES = word_set(
    "blackfeet lakota appalachian comanche kiowa osage choctaw chickasaw seminole lumbee yakama"
    " apache arapaho shoshone paiute ute"
)

# Words that, right after a name-like word, say it is a test, a sign or a condition.
EPONYM_NOUNS = word_set(
    """syndrome syndromes disease diseases disorder disorders criteria scale scales score scores
    stage stages staging test tests testing questionnaire inventory screen screener screening
    checklist rating ratings method model approach technique protocol program programme
    curriculum sign signs reflex maneuver procedure classification index assessment assessments
    form forms rule rules catheter cath site tube tubes valve tear line sandwich hugger wort
    palsy phenomenon law triad node nodes cyst tumor lymphoma sarcoma respirations coping
    jar jars jeans troop troops"""
)

# Verbs that follow a person as subject.
PERSON_VERBS = word_set(
    """is was has had reports reported says said states stated denies denied endorses endorsed
    admits admitted describes described shares shared explains explained told tells notes noted
    lives lived attends attended presents presented presenting came went comes goes likes liked
    loves loved enjoys enjoyed wants wanted feels felt struggles struggled refuses refused
    started began got gets does did cries cried screams screamed hits hit bites bit sleeps slept
    eats ate plays played moved worries worried becomes became seems seemed appears appeared can
    cannot will would could should also often never always recently continues continued remains
    remained spends spent hates hated thinks thought says believes believed asked asks called
    calls visits visited"""
)
# Verbs that report what a person said.
SPEECH_VERBS = word_set(
    """reports reported says said states stated denies denied endorses endorsed admits describes
    described shares shared explains explained told tells disclosed discloses"""
)


def relation(low: str) -> str | None:
    """The suggested rewrite for a relation word: "mom" -> "[the child's mother]"."""
    if low not in RELATIONS and low.endswith("s") and low[:-1] in RELATIONS:
        low = low[:-1]
    rel = RELATIONS.get(low)
    if rel is None:
        return None
    return "[the child]" if rel == "child" else f"[the child's {rel}]"
