"""PHI guard (pure): one test per Safe Harbor rule, exact spans, kinds, severities and
rewrites; clinical content that must pass; properties that hold for any input."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echo.phi import (
    BLOCK_MESSAGES,
    KINDS,
    MESSAGES,
    SUGGESTIONS,
    WARN_KINDS,
    Finding,
    blocked_message,
    check_text,
    scan,
)
from echo.phi.scanner import RULES


def found(text: str) -> list[tuple[str, str, str]]:
    """(text, kind, suggestion) of every finding, in order."""
    return [(f.text, f.kind, f.suggestion) for f in scan(text)]


# --- names of the patient and relatives ---------------------------------------------------


def test_name_opening_a_vignette_is_blocked() -> None:
    [finding] = scan("Maya is a 9-year-old girl with separation anxiety.")
    assert finding == Finding(
        start=0,
        end=4,
        text="Maya",
        kind="name",
        severity="block",
        message=MESSAGES["name"],
        suggestion="[name removed]",
    )


def test_name_in_parentheses_after_relation_word_suggests_the_relation() -> None:
    assert found("Mom (Jessica) reports poor sleep.") == [
        ("Jessica", "name", "[the child's mother]")
    ]


def test_relation_word_then_name() -> None:
    assert found("Her sister Grace and brother Liam live with grandma Rose.") == [
        ("Grace", "name", "[the child's sister]"),
        ("Liam", "name", "[the child's brother]"),
        ("Rose", "name", "[the child's grandmother]"),
    ]


def test_full_name_with_surname_and_apposition() -> None:
    assert found("Carlos (age 7) lives with his mother, Ana Ruiz, in foster care.") == [
        ("Carlos", "name", "[name removed]"),
        ("Ana Ruiz", "name", "[the child's mother]"),
    ]


def test_title_and_surname_is_one_name() -> None:
    assert found("The boy's father, Mr. Johnson, works nights.") == [
        ("Mr. Johnson", "name", "[the child's father]")
    ]


def test_named_cue_catches_a_name_missing_from_the_lists() -> None:
    assert found("A toddler named Xochiquetzal was referred.") == [
        ("Xochiquetzal", "name", "[name removed]")
    ]


def test_unknown_name_with_age_apposition() -> None:
    assert found("Okonkwo, 12, describes panic at school.") == [
        ("Okonkwo", "name", "[name removed]")
    ]


def test_unusual_names_from_possessive_surname_or_pronouns() -> None:
    assert found("Since then Xiomara's grades dropped.") == [("Xiomara", "name", "[name removed]")]
    assert found("We met Oluwaseun Okafor today.") == [
        ("Oluwaseun Okafor", "name", "[name removed]")
    ]
    assert found("Jordan (they/them) came alone.") == [("Jordan", "name", "[name removed]")]


def test_accented_names_and_places_that_look_like_names() -> None:
    assert found("Parents: José Hernández and Zoë.") == [
        ("José Hernández", "name", "[the child's parent]"),
        ("Zoë", "name", "[name removed]"),
    ]
    assert scan("The family moved here from Puerto Rico in 2019.") == []


def test_someone_of_a_relative_is_named_for_whose_they_are() -> None:
    assert found("Mom's boyfriend, Derek Simmons, was arrested.") == [
        ("Derek Simmons", "name", "[the mother's boyfriend]")
    ]


def test_possessive_name_excludes_the_apostrophe_s() -> None:
    assert found("We met with Ethan's dad, Marcus, today.") == [
        ("Ethan", "name", "[name removed]"),
        ("Marcus", "name", "[the child's father]"),
    ]


def test_family_surname() -> None:
    assert found("We met the Nguyen family on Tuesday.") == [("Nguyen", "name", "[name removed]")]


def test_relatives_names_in_capitals_are_found_from_context() -> None:
    assert found("SOCIAL: LIVES WITH DAUGHTER PEGGY WHO IS PROXY.") == [
        ("PEGGY", "name", "[the child]")
    ]


def test_lower_case_notes_use_cues_and_lists() -> None:
    assert found("pt lives w/ mom (tina) and step-dad. seen 3/28 by dr. alvarez.") == [
        ("tina", "name", "[the child's mother]"),
        ("3/28", "date", "[date removed]"),
        ("dr. alvarez", "clinician", "[the clinician]"),
    ]


def test_word_that_is_also_a_name_needs_context() -> None:
    assert found("Will follow up in 2 weeks. May consider CBT.") == []
    assert found("Hope is that she returns to school.") == []
    assert found("Grace is a 10-year-old with anxiety.") == [("Grace", "name", "[name removed]")]


def test_eponyms_and_tests_are_not_names() -> None:
    text = (
        "Tanner stage 3. Conners 3 elevated. Vanderbilt normal. Denver II passed. "
        "Tourette syndrome and Crohn's disease. Yale-Brown scale. Started Zoloft."
    )
    assert scan(text) == []


def test_famous_names_are_not_people_in_the_case() -> None:
    assert scan("She loves Harry Potter and Taylor Swift.") == []


def test_lower_case_name_after_relation_word() -> None:
    assert found("her sister lily and brother max visited; mom jess drove.") == [
        ("lily", "name", "[the child's sister]"),
        ("max", "name", "[the child's brother]"),
        ("jess", "name", "[the child's mother]"),
    ]
    assert scan("The sister will help and her brother said no.") == []


# --- employers of relatives -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mom works at Kroger on weekends.", "Kroger"),
        ("Dad works nights at Walmart.", "Walmart"),
        ("Her father is employed by Boeing.", "Boeing"),
        ("Stepmom got a job at Fresh Market.", "Fresh Market"),
        ("Grandpa is a manager at Ben & Jerry's downtown.", "Ben & Jerry's"),
        ("Mom picks up shifts at Costco.", "Costco"),
        ("Uncle is working at Home Depot.", "Home Depot"),
    ],
)
def test_employer_of_a_relative_blocks(text: str, span: str) -> None:
    assert found(text) == [(span, "name", "[the parent's employer]")]


def test_unnamed_workplaces_are_not_flagged() -> None:
    assert scan("Mom works at a grocery store; dad works from home and works for CPS.") == []


# --- initials ---------------------------------------------------------------------------


def test_first_name_and_initial_are_initials() -> None:
    assert found("Anna S. is her best friend.") == [("Anna S.", "initials", "[initials removed]")]


def test_dotted_initials() -> None:
    assert found("J.M. is a 14 yo with OCD.") == [("J.M.", "initials", "[initials removed]")]


def test_bare_capital_initials_need_a_person_cue() -> None:
    assert found("JM, 14, presents with panic.") == [("JM", "initials", "[initials removed]")]
    assert scan("ADHD, 14 items endorsed.") == []


def test_title_with_initial() -> None:
    assert found("Ms. K. was updated by phone.") == [("Ms. K.", "initials", "[initials removed]")]


def test_two_capitals_after_patient_cue_or_in_parentheses_are_initials() -> None:
    assert found("pt: DJ, 15, with panic attacks.") == [("DJ", "initials", "[initials removed]")]
    assert found("Patient: KT was calm.") == [("KT", "initials", "[initials removed]")]
    assert found("The patient (RW) denied SI.") == [("RW", "initials", "[initials removed]")]
    assert scan("Seen by OT (OT) and started IV (IV) fluids; ED (ED) visit.") == []


# --- clinicians and facilities (warnings) -------------------------------------------------


def test_doctor_is_a_warning_with_role_suggestion() -> None:
    [finding] = scan("Referred by her pediatrician, Dr. Anita Patel, for depression.")
    assert (finding.text, finding.kind, finding.severity, finding.suggestion) == (
        "Dr. Anita Patel",
        "clinician",
        "warn",
        "[the child's pediatrician]",
    )


def test_therapist_role_and_credential() -> None:
    assert found("Followed by therapist Sarah Johnson weekly.") == [
        ("Sarah Johnson", "clinician", "[the child's therapist]")
    ]
    assert found("Note by Marie Munroe, LCSW.") == [
        ("Marie Munroe", "clinician", "[the clinician]")
    ]


def test_hospital_and_clinic_names_warn() -> None:
    result = scan("Seen at Boston Children's Hospital, then Riverside Pediatrics.")
    assert [(f.text, f.kind, f.severity, f.suggestion) for f in result] == [
        ("Boston Children's Hospital", "facility", "warn", "[a hospital]"),
        ("Riverside Pediatrics", "facility", "warn", "[a clinic]"),
    ]


def test_hospital_of_a_place() -> None:
    assert found("Evaluated at Children's Hospital of Philadelphia.") == [
        ("Children's Hospital of Philadelphia", "facility", "[a hospital]")
    ]


def test_generic_institutions_are_not_flagged() -> None:
    assert scan("Admitted to the Children's Hospital; community mental health center.") == []


@pytest.mark.parametrize(
    "name",
    [
        "Hillside Recovery",
        "Lakeside Family Services",
        "Brookdale Center",
        "Northside Urgent Care",
        "Pinecrest Behavioral Health",
        "Seattle Children's",
        "Hope Valley Treatment Center",
        "Oakridge Counseling",
    ],
)
def test_treatment_programs_and_centers_warn(name: str) -> None:
    result = scan(f"She was referred to {name} last year.")
    assert [(f.text, f.kind, f.severity) for f in result] == [(name, "facility", "warn")]


def test_generic_services_are_not_facilities() -> None:
    assert scan("The Family Services worker came. She is in Recovery at the Health Center.") == []


# --- schools, daycares, teams, places of worship (block) ----------------------------------


def test_school_names_block() -> None:
    result = scan("Sofia attends Lincoln Elementary; her brother goes to Roosevelt Middle School.")
    assert [(f.text, f.kind, f.severity) for f in result] == [
        ("Sofia", "name", "block"),
        ("Lincoln Elementary", "school", "block"),
        ("Roosevelt Middle School", "school", "block"),
    ]


def test_daycare_with_common_words_in_its_name() -> None:
    assert found("Picked up from Little Stars Daycare at 5.") == [
        ("Little Stars Daycare", "school", "[the child's daycare]")
    ]


def test_team_and_church() -> None:
    assert found(
        "She plays soccer for the Westside Wildcats and attends First Baptist Church."
    ) == [
        ("Westside Wildcats", "school", "[a local team]"),
        ("First Baptist Church", "school", "[a place of worship]"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("She attends Roosevelt High now.", "Roosevelt High", "[the child's school]"),
        ("He started at Maple Grove Academy.", "Maple Grove Academy", "[the child's school]"),
        (
            "Dropped off at Bright Horizons Child Care.",
            "Bright Horizons Child Care",
            "[the child's daycare]",
        ),
        ("Picked up from Kiddie Day Care daily.", "Kiddie Day Care", "[the child's daycare]"),
        (
            "Enrolled at Sunshine Learning Center.",
            "Sunshine Learning Center",
            "[the child's daycare]",
        ),
        ("Goes to Hilltop Montessori.", "Hilltop Montessori", "[the child's preschool]"),
        ("He plays for the Ridgefield Eagles 15U.", "Ridgefield Eagles 15U", "[a local team]"),
        ("Pitches for Westside Little League.", "Westside Little League", "[a local team or club]"),
        ("Trains with Riverside FC twice a week.", "Riverside FC", "[a local team or club]"),
    ],
)
def test_schools_daycares_and_youth_teams_block(text: str, span: str, suggestion: str) -> None:
    assert found(text) == [(span, "school", suggestion)]


def test_insulin_units_are_not_team_age_groups() -> None:
    assert scan("Gave Lantus 10U at bedtime and Humalog 4U with dinner.") == []


def test_school_words_alone_are_not_names() -> None:
    assert scan("Started middle school; an alternative high school; Head Start in the fall.") == []


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("Seen 7/22 for follow-up.", "7/22", "[date removed]"),
        ("Seen on March 5th for follow-up.", "March 5th", "[date removed]"),
        ("DOB 03/14/2015.", "03/14/2015", "[2015]"),
        ("Seen on the 3rd of June.", "3rd of June", "[date removed]"),
        ("Admitted 2024-02-11.", "2024-02-11", "[2024]"),
        ("Seen 15/01/2024 abroad.", "15/01/2024", "[2024]"),
        ("Started on February 14, 2024.", "February 14, 2024", "[2024]"),
        ("Follow-up 1/9/24.", "1/9/24", "[2024]"),
        ("Worse since October 2023.", "October 2023", "[2023]"),
        ("Visit on Sept. 12 went well.", "Sept. 12", "[date removed]"),
        ("Seen 5 March at the clinic.", "5 March", "[date removed]"),
        ("Rechecked Mar 5 with labs.", "Mar 5", "[date removed]"),
        ("Inpatient 11/19-11/24 for safety.", "11/19-11/24", "[date removed]"),
    ],
)
def test_month_and_day_in_any_form_are_dates(text: str, span: str, suggestion: str) -> None:
    assert found(text) == [(span, "date", suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "Symptoms began in April.",
        "Sleep has been poor since March.",
        "In October she started a new medication.",
        "Grades fell last June and recovered.",
        "Over the Summer he struggled; by Fall he was calmer.",
        "Thanksgiving and Christmas were stressful for the family.",
    ],
)
def test_month_alone_seasons_and_holidays_are_not_dates(text: str) -> None:
    assert scan(text) == []


def test_each_part_of_a_date_range_is_a_date() -> None:
    assert found("Stayed on the unit 11/19 to 11/24 after the overdose.") == [
        ("11/19", "date", "[date removed]"),
        ("11/24", "date", "[date removed]"),
    ]


def test_year_alone_is_allowed() -> None:
    assert scan("Diagnosed in 2021, hospitalized in 2023, discharged the same year.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Vanderbilt 6/9 inattentive, 4/9 hyperactive.",
        "She misses 2/5 school days.",
        "BP 112/70, HR 88.",
        "Take 1/2 tab at bedtime.",
        "Pain 7/10 most days.",
        "Scored 12/18 on the parent scale.",
        "Tic severity 12/20 on the YGTSS.",
        "Nightmares 4/7 nights.",
        "Apgars 8/9 at birth.",
        "Supervision 24/7 at home.",
    ],
)
def test_scores_fractions_and_pressures_are_not_dates(text: str) -> None:
    assert scan(text) == []


def test_month_word_as_verb_is_not_a_date() -> None:
    assert scan("We may march on; she will march in the parade.") == []


# --- ages -----------------------------------------------------------------------------------


def test_ages_under_90_are_allowed() -> None:
    assert scan("A 6-month-old, a 14 yo and her 89-year-old great-grandmother.") == []


def test_age_over_89() -> None:
    assert found("Lives with her 93-year-old great-grandmother.") == [
        ("93-year-old", "age_over_89", "[90 or older]")
    ]
    assert found("His great-grandfather is 96 and helps at home.") == [
        ("96", "age_over_89", "[90 or older]")
    ]


# --- numbers and contact details --------------------------------------------------------------


def test_phone_and_fax() -> None:
    assert found("Call mom at (614) 555-0199 or fax 614-555-0100.") == [
        ("(614) 555-0199", "phone", "[phone removed]"),
        ("614-555-0100", "fax", "[fax removed]"),
    ]


def test_crisis_lines_are_not_family_phones() -> None:
    assert scan("Gave the 988 line and 1-800-273-8255.") == []


def test_email_url_ip() -> None:
    assert found("Email jess.smith@gmail.com; see www.facebook.com/logan.s; IP 192.168.1.24.") == [
        ("jess.smith@gmail.com", "email", "[email removed]"),
        ("www.facebook.com/logan.s", "url", "[link removed]"),
        ("192.168.1.24", "ip", "[IP address removed]"),
    ]


def test_public_health_sites_are_not_identifiers() -> None:
    assert scan("Resources: healthychildren.org and www.cdc.gov/ncbddd/adhd.") == []


def test_ssn() -> None:
    assert found("SSN 123-45-6789 on file.") == [("123-45-6789", "ssn", "[SSN removed]")]


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("MRN 004829173 in chart.", "004829173", "mrn"),
        ("Medicaid ID 987654321 verified.", "987654321", "health_plan"),
        ("Account number 5512-0098-7731 billed.", "5512-0098-7731", "account"),
        ("Driver's license D1234567 copied.", "D1234567", "license"),
        ("License plate 7ABC123 noted.", "7ABC123", "vehicle"),
        ("Pump serial SN4471AB2290 logged.", "SN4471AB2290", "device"),
    ],
)
def test_record_plan_account_license_vehicle_device_numbers(
    text: str, span: str, kind: str
) -> None:
    assert found(text) == [(span, kind, SUGGESTIONS[kind])]


def test_social_handles() -> None:
    assert found("Posts as @olivia.runs2009; Snapchat username is livvy_s.") == [
        ("@olivia.runs2009", "social_handle", "[handle removed]"),
        ("livvy_s", "social_handle", "[handle removed]"),
    ]


# --- places -----------------------------------------------------------------------------------


def test_street_address_city_and_zip() -> None:
    result = scan("Lives at 4521 Oak Ridge Drive, Columbus, OH 43215.")
    assert [(f.text, f.kind, f.severity, f.suggestion) for f in result] == [
        ("4521 Oak Ridge Drive", "address", "block", "[address removed]"),
        ("Columbus", "city", "warn", "[city removed]"),
        ("43215", "zip", "block", "[ZIP 432]"),
    ]


def test_restricted_zip_prefix_becomes_000() -> None:
    assert found("Mailing address zip code 03601.") == [("03601", "zip", "[ZIP 000]")]


def test_city_after_a_place_cue() -> None:
    assert found("The family moved here from Tucson last year.") == [
        ("Tucson", "city", "[city removed]")
    ]


def test_zip_after_city_state_or_street_address() -> None:
    assert found("Family relocated to Springfield, 62704 last fall.") == [
        ("Springfield", "city", "[city removed]"),
        ("62704", "zip", "[ZIP 627]"),
    ]
    assert found("Mailing address is 44 Pine Street 30301.") == [
        ("44 Pine Street", "address", "[address removed]"),
        ("30301", "zip", "[ZIP 303]"),
    ]
    assert found("Grandma lives in Maine 04101-2345 alone.")[-1] == (
        "04101-2345",
        "zip",
        "[ZIP 041]",
    )


def test_city_after_street_address() -> None:
    assert found("They rent at 12 Oak Ave, Millbrook 12545.") == [
        ("12 Oak Ave", "address", "[address removed]"),
        ("Millbrook", "city", "[city removed]"),
        ("12545", "zip", "[ZIP 125]"),
    ]


def test_city_after_moved_to_or_town_of() -> None:
    assert found("She lives in Dayton and then moved to Tacoma.") == [
        ("Dayton", "city", "[city removed]"),
        ("Tacoma", "city", "[city removed]"),
    ]
    assert found("They are in the town of Greenfield now.") == [
        ("Greenfield", "city", "[city removed]")
    ]


def test_states_and_countries_are_allowed() -> None:
    assert scan("Moved from Texas to Ohio; grandparents live in Guatemala and Georgia.") == []


# --- clinical content that must pass ----------------------------------------------------------

CLEAN = [
    "A 14-year-old in 8th grade with PHQ-A 17, GAD-7 of 12, on fluoxetine 10 mg since 2021.",
    "ADHD, combined type; guanfacine 1 mg BID; CBT and parent training; SSRIs discussed.",
    "Bright Futures guidance and DSM-5 criteria reviewed; M-CHAT-R/F positive (score 9).",
    "Mom and grandma attend visits; dad works nights. Family receives WIC and Medicaid.",
    "Started sertraline 25 mg 4 weeks ago; SCARED 38 (separation subscale 12).",
    "Lithium 600 mg BID (level 0.8), quetiapine 200 mg qhs; TSH normal; admitted twice in 2023.",
    "Early Intervention evaluation pending; Circle of Security and PCIT waitlist 6 months.",
    "Safety plan with the Stanley-Brown template; C-SSRS positive for ideation without plan.",
    "Vyvanse 50 mg; BP 128/82; HR 104; energy drinks daily; consider Qelbree if not tolerated.",
    "IEP meeting scheduled; 504 plan; the school counselor and the nurse are involved.",
    "Tried St. John's wort before coming to clinic; melatonin 3 mg at bedtime.",
    "Summer was hard for the family; Thanksgiving break went better.",
    "Project ECHO session: the Yale Global Tic Severity Scale and the Beck Depression Inventory.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_clinical_text_has_no_block_finding(text: str) -> None:
    assert [f for f in scan(text) if f.severity == "block"] == []


# --- properties --------------------------------------------------------------------------------

FRAGMENTS = [
    "Maya",
    "Dr. Patel",
    "7/22",
    "6/9",
    "112/70",
    "March 5th",
    "2021",
    "mom (Jessica)",
    "Lincoln Elementary",
    "(614) 555-0199",
    "@maya_2010",
    "MRN 12345678",
    "Anna S.",
    "J.M.",
    "93 years old",
    "Boston Children's Hospital",
    "PHQ-A 17",
    "fluoxetine 10 mg",
    "123 Maple Street",
    "Columbus, OH 43215",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=12))
def test_findings_are_sorted_disjoint_and_quote_the_input(parts: list[str]) -> None:
    text = " ".join(parts)
    findings = scan(text)
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.text
        assert f.kind in KINDS
        assert f.severity == ("warn" if f.kind in WARN_KINDS else "block")
        assert f.message == MESSAGES[f.kind]
        assert f.suggestion.startswith("[")
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_scan_never_raises_on_any_unicode(text: str) -> None:
    for f in scan(text):
        assert text[f.start : f.end] == f.text


def test_every_kind_has_a_message_and_a_suggestion() -> None:
    assert set(MESSAGES) == set(KINDS) == set(SUGGESTIONS)
    assert set(WARN_KINDS) == {"facility", "clinician", "city", "characteristic"}


def test_the_guard_is_a_base_layer_that_imports_only_itself_and_the_standard_library() -> None:
    """echo.phi is reused for case text, survey comments and consult requests: it may read
    nothing of the rest of Echo (no database, no web)."""
    import ast
    import sys
    from pathlib import Path

    import echo.phi

    package = Path(echo.phi.__file__).parent
    for module in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, module.name
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                allowed = name == "echo.phi" or name.startswith("echo.phi.")
                assert allowed or top in sys.stdlib_module_names, (module.name, name)


# --- check_text: the one block decision and the one message per kind ------------------------


def test_check_text_blocks_on_a_block_finding_with_the_kinds_message() -> None:
    checked = check_text("Call mom at 555-201-3344 tonight.")
    assert checked.blocked
    assert [(f.text, f.kind) for f in checked.blocking] == [("555-201-3344", "phone")]
    assert checked.findings == tuple(scan("Call mom at 555-201-3344 tonight."))
    assert checked.message == (
        "This looks like a phone number: remove it before saving. Nothing was stored."
    )
    assert checked.advice == "This looks like a phone number: remove it before saving."


def test_check_text_names_each_blocking_kind_once_in_order_of_appearance() -> None:
    checked = check_text("Rosa Diaz called from 555-201-3344; Rosa called again from 555-201-3345.")
    assert [f.kind for f in checked.blocking] == ["name", "phone", "name", "phone"]
    assert checked.message == " ".join(
        [BLOCK_MESSAGES["name"], BLOCK_MESSAGES["phone"], "Nothing was stored."]
    )
    assert blocked_message(checked.findings) == checked.message


def test_warnings_alone_and_clean_text_do_not_block() -> None:
    warned = check_text("Seen at Riverside Pediatrics last year.")
    assert [f.kind for f in warned.warnings] == ["facility"]
    assert not warned.blocked and warned.blocking == () and warned.message == ""
    clean = check_text("Sertraline 25 mg daily since 2023; 7th grade; GAD-7 of 12.")
    assert clean.findings == () and not clean.blocked and clean.message == ""


def test_every_blocking_kind_has_one_message_and_warnings_have_none() -> None:
    assert set(BLOCK_MESSAGES) == set(KINDS) - WARN_KINDS
    for kind, message in BLOCK_MESSAGES.items():
        assert message.startswith("This looks like "), kind
        assert "Nothing was stored" not in message, kind  # said once, by blocked_message


# --- identifying characteristics, towns without a state, practices, unlabelled numbers ------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "9 yo girl, the police chief's daughter, with panic attacks.",
            "the police chief's daughter",
        ),
        ("14 yo whose skateboarding video went viral last spring.", "went viral"),
        ("Was on the local news after the bus crash.", "on the local news"),
        ("She is the state wrestling champion and stopped eating.", "state wrestling champion"),
        ("14 yo F, one of the triplets, the only one with tics.", "one of the triplets"),
        ("Dad is the only funeral director in town.", "the only funeral director in town"),
        ("16 yo with over 2 million followers on TikTok.", "2 million followers"),
        ("His older brother plays in the NFL.", "brother plays in the NFL"),
        ("17 yo F, the sole survivor of the house fire.", "sole survivor"),
        ("She was on TV after the flood.", "on TV"),
        ("There is a GoFundMe for the family.", "GoFundMe"),
        ("He is TikTok famous and anxious about it.", "TikTok famous"),
        ("Mom is a councilwoman; dad works nights.", "Mom is a councilwoman"),
        ("The preacher's kid, 15, with OCD.", "The preacher's kid"),
    ],
)
def test_identifying_characteristics_warn_with_the_reason(text: str, cue: str) -> None:
    [finding, *_] = [f for f in scan(text) if f.kind == "characteristic"]
    assert (finding.text, finding.severity) == (cue, "warn")
    assert "recognisable in a small community" in finding.message
    assert not check_text(text).blocked


def test_twins_and_the_news_in_general_are_not_characteristics() -> None:
    text = (
        "Twin brother also has ADHD. Mom says the news about school shootings scares her. "
        "Watches TV a lot; famous for his tantrums at home."
    )
    assert [f for f in scan(text) if f.kind == "characteristic"] == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Tics worsened after the family moved from Holloway Springs in June.", "Holloway Springs"),
        ("Lives with grandma in Kettle Springs.", "Kettle Springs"),
        ("Lives with grandparents in the Southgate neighborhood.", "Southgate"),
        ("Moved from Eastbrook last year.", "Eastbrook"),
        ("Camper out back near Pike Hollow, no running water.", "Pike Hollow"),
    ],
)
def test_towns_the_gazetteer_does_not_know_warn_after_a_place_cue(text: str, town: str) -> None:
    assert [(f.text, f.severity) for f in scan(text) if f.kind == "city"] == [(town, "warn")]


@pytest.mark.parametrize(
    "text",
    [
        "Moved from Texas in March.",
        "Lives in foster care since spring.",
        "Family speaks Spanish at home; moved here in 2021.",
        "Started Cognitive Behavioral Therapy and Dialectical Behavioral Therapy skills.",
    ],
)
def test_states_months_languages_and_therapies_are_no_places(text: str) -> None:
    assert [f for f in scan(text) if f.kind in ("city", "facility")] == []


@pytest.mark.parametrize(
    ("text", "practice"),
    [
        ("-- the Brookside Family Medicine team", "Brookside Family Medicine"),
        ("The Riverbend Behavioral therapist disagreed.", "Riverbend Behavioral"),
        ("We're at Valley Springs Peds.", "Valley Springs Peds"),
        ("Waitlist at Lakeshore Developmental is 14 months.", "Lakeshore Developmental"),
    ],
)
def test_practice_names_warn_as_facilities(text: str, practice: str) -> None:
    assert [(f.text, f.severity) for f in scan(text) if f.kind == "facility"] == [
        (practice, "warn")
    ]


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("chart 448-21-907 - 14yo on quetiapine", "448-21-907", "mrn"),
        ("hosp # 00-331-7782, admitted overnight", "00-331-7782", "mrn"),
        ("acct 0045 7781 22 for the copay", "0045 7781 22", "account"),
        ("school iPad asset tag SN-DMPX44721K", "SN-DMPX44721K", "device"),
    ],
)
def test_record_numbers_after_a_cue_block_with_dashes_or_spaces(
    text: str, number: str, kind: str
) -> None:
    assert [(f.text, f.kind, f.severity) for f in scan(text)] == [(number, kind, "block")]


def test_a_date_after_a_record_word_is_still_a_date() -> None:
    assert [(f.text, f.kind) for f in scan("record 3-15-2019 reviewed")] == [("3-15-2019", "date")]


@pytest.mark.parametrize(
    ("text", "initials"),
    [("pt R.T. 15yo, PHQ-A 25", "R.T."), ("pt LB 8yo, tics + adhd", "LB")],
)
def test_initials_after_pt_without_a_colon(text: str, initials: str) -> None:
    assert [(f.text, f.kind) for f in scan(text)] == [(initials, "initials")]


def test_abbreviations_after_pt_are_no_initials() -> None:
    assert scan("Pt OOB to chair, pt ABG at start of shift, pt NT suctioned.") == []


def test_a_numbered_road_is_an_address() -> None:
    assert [(f.text, f.kind) for f in scan("Lives in a camper off Route 9 with dad.")] == [
        ("Route 9", "address")
    ]


def test_capitals_set_off_after_the_age_are_initials_but_diagnoses_are_not() -> None:
    assert [(f.text, f.kind) for f in scan("13 yo, TNB, anxiety and skin picking.")] == [
        ("TNB", "initials")
    ]
    assert scan("14 yo, ASD, anxiety; 9 yo, ODD, tantrums.") == []


def test_a_business_the_family_owns_is_an_employer() -> None:
    assert [(f.text, f.kind) for f in scan("Family owns Rosetti's Pizzeria; she helps out.")] == [
        ("Rosetti's Pizzeria", "name")
    ]


def test_a_named_head_start_program_is_a_school_but_head_start_is_not() -> None:
    assert [(f.text, f.kind) for f in scan("Attends Greenleaf Head Start; loves it.")] == [
        ("Greenleaf Head Start", "school")
    ]
    assert scan("On the waitlist for Head Start since fall.") == []


def test_a_town_after_a_parents_home_warns() -> None:
    text = "Goes back and forth between mom's in Galloway and dad's in rehab."
    assert [(f.text, f.kind, f.severity) for f in scan(text)] == [("Galloway", "city", "warn")]


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Dad's truck, tag 7XYZ123, seen at the school.", "7XYZ123"),
        ("The car (plate GHT 4421) was towed.", "GHT 4421"),
        ("Tags read MXR-5512 per the report.", "MXR-5512"),
    ],
)
def test_plates_after_tag_or_plate_block(text: str, plate: str) -> None:
    assert [(f.text, f.kind) for f in scan(text)] == [(plate, "vehicle")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Mom's DL D1234567 on file.", "D1234567"),
        ("CDL 12-3456-78, drives a bus.", "12-3456-78"),
        ("Passport 512345678 for the trip.", "512345678"),
        ("state ID 44-8812-09", "44-8812-09"),
    ],
)
def test_licenses_and_ids_after_their_name_block(text: str, number: str) -> None:
    assert [(f.text, f.kind) for f in scan(text)] == [(number, "license")]


def test_deciliters_are_no_drivers_license() -> None:
    assert scan("Glucose 112 mg/dL 1400 today; lead level 3 mcg/dL.") == []


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("Lives in 05401 with grandma.", "05401"),
        ("Family moved from 62704 last spring.", "62704"),
        ("No providers in the 05401 area.", "05401"),
    ],
)
def test_a_zip_code_where_a_town_would_be_blocks(text: str, zip_code: str) -> None:
    assert [(f.text, f.kind) for f in scan(text)] == [(zip_code, "zip")]


def test_five_digit_counts_are_no_zip_codes() -> None:
    assert scan("Platelets in the 15000 range; walks 10000 steps a day.") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("They rent off Millbrook Rd now.", "Millbrook Rd"),
        ("Lives in the Elm St apartments.", "Elm St apartments"),
        ("Lives at 123 Main with mom.", "123 Main"),
    ],
)
def test_streets_without_a_number_or_a_suffix_block(text: str, street: str) -> None:
    assert [(f.text, f.kind) for f in scan(text)] == [(street, "address")]


def test_saints_and_doctors_are_no_streets() -> None:
    assert all(f.kind != "address" for f in scan("Referred by Smith Dr; St Jude clinic."))


def test_a_birth_date_without_separators_blocks() -> None:
    assert [(f.text, f.kind) for f in scan("DOB 010213, here for ADHD f/u.")] == [
        ("010213", "date")
    ]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("She posts as kayla_k09 on TikTok every night.", "kayla_k09"),
        ("His YouTube channel MaxGamesHD has his face on it.", "MaxGamesHD"),
    ],
)
def test_made_up_names_on_a_platform_are_handles(text: str, handle: str) -> None:
    assert [(f.text, f.kind) for f in scan(text)] == [(handle, "social_handle")]


def test_initials_straight_before_the_age_block() -> None:
    assert [(f.text, f.kind) for f in scan("Seen today: JD 14 yo with panic attacks.")] == [
        ("JD", "initials")
    ]


def test_the_news_and_the_crash_are_two_characteristics() -> None:
    found = [(f.text, f.severity) for f in scan("Was on the local news after the bus crash.")]
    assert found == [("on the local news", "warn"), ("the bus crash", "warn")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("His mom is the town's only OB.", "the town's only"),
        ("Dad is the high school football coach.", "Dad is the high school football coach"),
        ("She was on the front page last month.", "front page"),
        ("Has a big YouTube following.", "big YouTube following"),
        ("Won the state wrestling title last year.", "state wrestling title"),
        ("Son of the superintendent, 14, with panic.", "Son of the superintendent"),
        ("Her uncle plays for the Steelers.", "uncle plays for the Steelers"),
        ("The only Hmong family in town.", "The only Hmong family in town"),
        ("He was bitten by a shark last summer.", "bitten by a shark"),
        ("A Make-A-Wish kid, now 12.", "Make-A-Wish"),
        ("Holds the school record in the 400.", "Holds the school record"),
        ("Video all over snap, now won't go to school.", "all over snap"),
    ],
)
def test_more_ways_a_child_is_known_in_town_warn(text: str, cue: str) -> None:
    assert [(f.text, f.severity) for f in scan(text) if f.kind == "characteristic"] == [
        (cue, "warn")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He is the only child at home; dad is a coach at the Y.",
        "School record shows 14 absences; the only thing that helps is melatonin.",
        "All over the place at bedtime; first time on a stimulant.",
    ],
)
def test_ordinary_onlys_coaches_and_records_are_no_characteristics(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names as typed on a phone, and a school counselor named as a person
        ("need callback re ava 14f cutting again", ("ava", "name")),
        ("quick q - mason k 10yo on vyvanse 30", ("mason k", "name")),
        ("txt from jaxon's mom: he ran off again", ("jaxon", "name")),
        ("Will, 11, hasn't attended school since fall.", ("Will", "name")),
        ("Referred by the school counselor, Ms. Pruitt.", ("Ms. Pruitt", "name")),
        # initials next to the age
        ("pt JM 16M daily thc since 13", ("JM", "initials")),
        ("13yo KLW sertraline 100 x 8wk", ("KLW", "initials")),
        ("10 yo R.T., 7th placement.", ("R.T.", "initials")),
        # numbers without their label before them
        ("Kentucky Medicaid, member 3108842271.", ("3108842271", "health_plan")),
        ("member id ZXK 220 418 9 aetna denied", ("ZXK 220 418 9", "health_plan")),
        ("W48817302 - pls verify coverage", ("W48817302", "account")),
        ("pharmacy says acct 88 1204 33 wont cover", ("88 1204 33", "account")),
        ("2209-4471-85 is the billing acct mom gave", ("2209-4471-85", "account")),
        ("re: 7741902 - 15yo still not sleeping", ("7741902", "account")),
        # dates in other shapes
        ("last seen 14MAR2024", ("14MAR2024", "date")),
        ("Her birthday is the 14th.", ("14th", "date")),
        ("seen Thanksgiving Day 2023", ("Thanksgiving Day 2023", "date")),
        ("d/c 12-28 with no f/u", ("12-28", "date")),
        ("dad's number 555\u2013201\u20133344", ("555\u2013201\u20133344", "phone")),
        ("cb 201-3344 after 5", ("201-3344", "phone")),
        # places, schools and congregations
        ("Lives in the Willow Creek trailer park.", ("Willow Creek trailer park", "address")),
        ("Lives in a trailer off Millbrook; mom on disability.", ("Millbrook", "address")),
        ("found him at the gas station on Route 40. 12m", ("Route 40", "address")),
        ("on the corner of 5th and Main", ("5th and Main", "address")),
        ("Family lives behind First Baptist.", ("First Baptist", "school")),
        ("got letter from holy cross academy", ("holy cross academy", "school")),
        ("goes to Central HS, 10th grade", ("Central HS", "school")),
        # and more of the same, as people write them
        ("find her on insta, bella_b", ("bella_b", "social_handle")),
        ("on BeReal as jj_2010", ("jj_2010", "social_handle")),
        ("wk of 3/4 she stopped eating", ("3/4", "date")),
        ("3/4-3/8 inpatient at the state hospital", ("3/4-3/8", "date")),
        ("RR 2 Box 14", ("RR 2 Box 14", "address")),
        ("apt 4B, 300 Elm", ("300 Elm", "address")),
        ("lives at 12 E Broad with grandma", ("12 E Broad", "address")),
        ("re KJ 9M, tics worse", ("KJ", "initials")),
        ("patient MK is 15 and vaping", ("MK", "initials")),
        ("travel softball with the Lady Hawks", ("Lady Hawks", "school")),
        ("goes to Tri-County Career Center", ("Tri-County Career Center", "school")),
    ],
)
def test_identifiers_as_clinicians_type_them_block(text: str, expected: tuple[str, str]) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our county has seen few. out near Tolliver.", "Tolliver"),
        ("at dads in wellsburg on weekends", "wellsburg"),
        ("fam lives up in bayfield no car", "bayfield"),
        ("In ED at Hazard Regional. Inpatient vs partial?", "Hazard Regional"),
        ("NVMC ED sent home 15yo w SI", "NVMC"),
        ("Pediatric Associates of Lorain attendee here.", "Pediatric Associates of Lorain"),
        ("inpatient at Sunrise Psychiatric", "Sunrise Psychiatric"),
    ],
)
def test_towns_and_facilities_as_typed_warn(text: str, expected: str) -> None:
    assert [(f.text, f.severity) for f in scan(text)] == [(expected, "warn")]


@pytest.mark.parametrize(
    "text",
    [
        "Girl, 10 yo, Tanner 2; the boy's father works nights.",
        "GAD-7 11/21 at intake, 6/21 at 8 weeks; completed 3/12 CBT sessions.",
        "Stays with a neighbor Mon-Thu; 1-2-3 Magic handout given.",
        "Mom is up in arms; he is out in public more; a Southern Baptist family.",
        "NDC 0093-7146-56 dispensed; F32.1, 99214 + 96127; on 2-4 L NC.",
        "Platelets in the 15000 range; walks 10000 steps; glucose 112 mg/dL 1400.",
        "She has MS; came from the ER; comes from a big family.",
        "R sc tlc with yellow exit site; fb -1500cc at midnight.",
        "Vanderbilt 6/9-7/9 inattentive; 2/5-3/5 school days; pt BP is 120/80.",
        "apt 3, 2 Tylenol at night.",
    ],
)
def test_look_alikes_in_clinical_text_pass(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pt 10yo. (828) 555 \u2013 0146", ("(828) 555 \u2013 0146", "phone")),
        ("custody dispute. (606)-555-0182", ("(606)-555-0182", "phone")),
        ("Send replies to efax 1-888-555-0147", ("1-888-555-0147", "phone")),
        ("best # is grandmas landline 555-0138", ("555-0138", "phone")),
        ("social 301884512, born in Ohio", ("301884512", "ssn")),
        ("n\u00famero de afiliado PV-0098812044.", ("PV-0098812044", "health_plan")),
        ("account (HAR) 771029384, claim denied", ("771029384", "account")),
        ("school permit (IA 284KL9021) after the crash", ("284KL9021", "license")),
        ("Dexcom G7 (transmitter 8RX4TT).", ("8RX4TT", "device")),
        ("SRO Deputy Tackett took the knife", ("Deputy Tackett", "name")),
        ("Hi this is Brooklyns mom, she had another attack", ("Brooklyn", "name")),
        ("call the clinic and ask for brandy at front", ("brandy", "name")),
        ("Will has been asking to go home every day", ("Will", "name")),
        ("tw 15yo m - drank a fifth at a party", ("tw", "initials")),
        ("Child (jw, 9) may not ride in the truck", ("jw", "initials")),
        ("I'm the NP who presented A.M. on Tuesday", ("A.M.", "initials")),
        ("Immigration court on 12 de agosto.", ("12 de agosto", "date")),
        ("born on apr 17 2015, rep payee aunt", ("apr 17 2015", "date")),
        ("please get it done by the 30th.", ("30th", "date")),
        ("crashed on Labor Day 2023", ("Labor Day 2023", "date")),
        ("Dates of testing: 1/9\u20131/12/2024", ("1/9", "date")),
        ("Address: HC 61 Box 27A, Hindman.", ("HC 61 Box 27A", "address")),
        ("mattress in their apt on w. 63rd. DCFS involved", ("w. 63rd", "address")),
        ("3rd grade at Lincoln; cried all morning", ("Lincoln", "school")),
        ("trouble at Pee Wee Panthers practice again", ("Pee Wee Panthers", "school")),
        ("sent home from Kids R Kids for biting", ("Kids R Kids", "school")),
        ("has been to the imam at Masjid Al-Nur. PHQ-A 7", ("Masjid Al-Nur", "school")),
        ("her discord (lunamoth#0427) has a server", ("lunamoth#0427", "social_handle")),
        ("buys bars on snap from plugg.kyle606. worried", ("plugg.kyle606", "social_handle")),
        ("playin Fortnite as BigBubba2013 at night", ("BigBubba2013", "social_handle")),
    ],
)
def test_shapes_from_the_third_blind_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a two-doc practice in Bottineau. I'm the only doctor", "Bottineau"),
        ("Presenting R.D., 13, from Hyden. Grandparents", "Hyden"),
        ("13yo girl in clarksdale scared to go to school", "clarksdale"),
        ("lives on the Rosebud reservation with her grandmother", "Rosebud"),
        ("Deb Kowalski, RR 3 Box 118, Clarion, PA.", "Clarion"),
        ("np at crow agency ihs. 14yo f", "crow agency ihs"),
        ("Hasbro ED? or admit locally?", "Hasbro"),
        ("Referred to Primary Children's for autism", "Primary Children's"),
        ("at La Cl\u00ednica del Pueblo, 14 yo", "La Cl\u00ednica del Pueblo"),
        ("the 911 call was played on WSAZ", "on WSAZ"),
        ("the granddaughter of the tribal chairman", "granddaughter of the tribal chairman"),
        ("His uncle won the Kuskokwim 300 last year", "won the Kuskokwim 300"),
        ("She is the state FFA president this year", "state FFA president"),
        ("Our sheriff is my patient's dad.", "sheriff is my patient's dad"),
    ],
)
def test_places_facilities_and_characteristics_from_the_third_set_warn(
    text: str, expected: str
) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


@pytest.mark.parametrize(
    "text",
    [
        "consult pls 9yo on guanfacine er 2mg",
        "Conners teacher T scores similar; please Mark the next session dates.",
        "Many kids arriving from Central America with interrupted schooling.",
        "tiktok 2.5 hrs a day, instagram 1.5h; a letter from Patel; in Zoloft trial.",
        "Watches Cardinals games; went to the ED twice; 10 yo in school, kid in therapy.",
        "Methylphenidate ER 18 mg every morning; guanfacine ER daily.",
    ],
)
def test_more_look_alikes_pass(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Her father, the mayor, wants it kept quiet.",
        "Dad is the town doctor.",
        "His mother is the nurse at his school.",
        "Mom is the county prosecutor.",
        "Father is a pro baseball player.",
        "His brother is an Olympic swimmer.",
        "The family owns the only grocery store.",
        "The house fire was on every channel.",
        "The family was featured on HGTV.",
    ],
)
def test_a_relatives_office_local_job_or_fame_warns(text: str) -> None:
    assert [f.kind for f in scan(text)] == ["characteristic"]


def test_ordinary_jobs_of_relatives_are_no_characteristics() -> None:
    text = "Mom is a nurse, dad a teacher; mom, a teacher, noticed; dad is an officer in the army."
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CPS worker ms tanaka says prior psychiatrist", ("ms tanaka", "name")),
        ("caseworker Lorraine Pike asked about tantrums", ("Lorraine Pike", "name")),
        ("Grace is 15, GAD + MDD on escitalopram", ("Grace", "name")),
        ("Hunter, 14: 2nd place at nationals", ("Hunter", "name")),
        ("Destiny is a 3rd grader at school", ("Destiny", "name")),
        ("died by suicide last Tuesday, the 14th. Pt denies SI", ("14th", "date")),
        ("admitted 3/4 to the unit, d/c 3/9. Discharged", ("3/9", "date")),
        ("she said she's 97, raising him alone", ("97", "age_over_89")),
        ("guardian now - she is ninety-two. Who takes over", ("ninety-two", "age_over_89")),
        ("a form the school sent me (471 82 3306)", ("471 82 3306", "ssn")),
        ("AngelSense unit 352-104-889-2210). Any thoughts", ("352-104-889-2210", "device")),
        ("therapist, LCSW, lic. #LCSW.0041197, asked me", ("0041197", "license")),
        ("message: 11yo dj on focalin, mom says", ("dj", "initials")),
        ("moved from Las Cruces to Anthony (88021). Panic", ("88021", "zip")),
        ("church youth group at Living Waters Assembly.", ("Living Waters Assembly", "school")),
        ("His coach at Tri-Valley Aquatics called me", ("Tri-Valley Aquatics", "school")),
        ("got kicked out of camp wanakee after a fight", ("camp wanakee", "school")),
        ("plays on the eastside hornets 8U team", ("eastside hornets 8U team", "school")),
        ("went to st mary's til 5th then homeschooled", ("st mary's", "school")),
    ],
)
def test_shapes_from_the_fourth_blind_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 16 yo boy, 4-time state wrestling champ, is", "state wrestling champ"),
        ("Hunter: 2nd place at nationals in bull riding", "2nd place at nationals"),
        ("9 yo M, the triplet who was born early", "triplet"),
        ("her rescue of a toddler was on Good Morning America", "Good Morning America"),
        ("filmed and posted; it got 30k shares", "30k shares"),
        (
            "one of only a handful of cases in the world",
            "one of only a handful of cases in the world",
        ),
        ("his older brother was the shooter in that incident", "was the shooter"),
        ("Addison, 15, runner-up Miss Teen Nebraska; restricting", "Miss Teen Nebraska"),
        (
            "The pt's dad is the head football coach at the university",
            "dad is the head football coach",
        ),
        ("headed to Iowa on a full ride; cutting weight", "on a full ride"),
        ("featured in the diocese newsletter", "featured in the diocese newsletter"),
        ("3 yo placed at Kinder Haven Group Home after removal", "Kinder Haven Group Home"),
        ("readmitted to Brightwater BHC, third time", "Brightwater BHC"),
        ("Our practice Lakeview Kids Care (new to ECHO)", "Lakeview Kids Care"),
        ("Our satellite clinic (HCMC-East) only has telehealth", "HCMC-East"),
        ("kid got admitted to st joe's last night", "st joe's"),
        ("her ob at harper fam med asking if safe", "harper fam med"),
        ("she's at banner urgent care now. hold dose?", "banner urgent care"),
        ("Copper Basin Family Medicine, Globe, AZ", "Globe"),
        ("dad called from Rosebud; son 16 got out", "Rosebud"),
        ("North Country Health, the Mullens site, needs f/u", "Mullens"),
        ("can crisis come? we're in bishop so closest bed is 4 hrs", "bishop"),
        ("our kid from tok (the 11yo) again", "tok"),
        ("no FBT therapist within 2 hours of Ashby. Can we", "Ashby"),
    ],
)
def test_places_facilities_and_characteristics_from_the_fourth_set_warn(
    text: str, expected: str
) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


@pytest.mark.parametrize(
    "text",
    [
        "NDC 0002-3227-30 and 55111-0645-01 on the label; CPT 99214; F90.2.",
        "Neuro says fine but I'm nervous. Cards cleared him for stimulants.",
        "Went to camp last summer; the school assembly was loud; a group home placement.",
        "She is 15 and her brother is 12, both twins of nobody; he's 95th percentile.",
        "Lantus 10U at night; the coach is kind; a state park visit.",
    ],
)
def test_look_alikes_of_the_fourth_set_pass(text: str) -> None:
    assert [f for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her mother, Dr. Helena Voss, is a cardiologist", ("Dr. Helena Voss", "name")),
        ("follow-up on the 16yo Hope from our last session", ("Hope", "name")),
        ("Lame Horse Clinic: 8 yo girl Waya; her parents", ("Waya", "name")),
        ('Wilhelmina ("Will"), a 12-year-old with anorexia', ("Will", "name")),
        ("shelter staff - Faith: PHQ-A 17; Joy: SCARED 35", ("Joy", "name")),
        ("Patient: T. Redcloud, 15 yo, seen", ("T. Redcloud", "name")),
        (
            "Parents work long hours at Golden Lotus Restaurant.",
            ("Golden Lotus Restaurant", "name"),
        ),
        ("ED course (copied): 14-Oct-2025 02:15", ("14-Oct-2025", "date")),
        ("guanfacine ER - PA submitted 2/3 - tics worse", ("2/3", "date")),
        ("in ER at st lukes now, his # there is 45 22 318.", ("45 22 318", "mrn")),
        ("update re T.H. (T4471-02, the 9 yo)", ("T4471-02", "account")),
        ("re 7781-2290: the boy w/ the dog bite", ("7781-2290", "account")),
        ("living with his grandma, who is 90. PHQ-A 13", ("90", "age_over_89")),
        ("vive con su abuela de 92 años.", ("92 años", "age_over_89")),
        ("lives 1189 cr 3400, nowata 74048. q: what", ("1189 cr 3400", "address")),
        ("lives 1189 cr 3400, nowata 74048. q: what", ("74048", "zip")),
        ("lives out past harlowe on pickett rd. school", ("pickett rd.", "address")),
        ("ives w dad and stepmom out on county rd 14. vanderbilt", ("county rd 14", "address")),
        ("pt's family lives on FM 1960. Pt now at", ("FM 1960", "address")),
        ("daycare at first baptist kicked him out", ("first baptist", "school")),
        ("8yo, goes to little flock christian. startles", ("little flock christian", "school")),
    ],
)
def test_shapes_from_the_fifth_sets_development_half_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Transferred 10/18 to Pine Hollow Adolescent Unit. she", "Pine Hollow Adolescent Unit"),
        ("mom got him into Lighthouse Child & Family, therapist", "Lighthouse Child & Family"),
        ("CBT at Meridian Psychology Group. Her PHQ-A", "Meridian Psychology Group"),
        ("ED -> Mountain States Telepsychiatry Patient", "Mountain States Telepsychiatry"),
        ("in the group home at Anchor Youth Residence over on Euclid", "Anchor Youth Residence"),
        ("Follow-up: Heartland CMHC, call them", "Heartland CMHC"),
        ("acct 100492 at Hometown Drug; insurance denied", "Hometown Drug"),
        ("in ER at st lukes now", "st lukes"),
        ("watching the 4yo during the day in tilden, she", "tilden"),
        ("tf-cbt nowhere near mcalester", "mcalester"),
        ("on the wrestling team and placed second at state last year", "placed second at state"),
        ("the sophomore who won grand champion steer", "grand champion"),
        ("(the folklórico video everybody's seen), now", "video everybody's seen"),
        ("the only kid on post with mom and dad both deployed", "the only kid on post"),
        ("the girl who testified at the statehouse hearing", "testified at the statehouse hearing"),
    ],
)
def test_places_facilities_and_characteristics_from_the_fifth_set_warn(
    text: str, expected: str
) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


@pytest.mark.parametrize(
    "text",
    [
        "a 9 yo Male with ADHD; 14 yo Black female; 7 yo Mexican-American girl; 12 yo Spanish",
        "the policyholder (Blue Cross, through the employer); FM 10 mg; FM 300 mg daily",
        "Case: 9 yo girl with encopresis; Plan: 12 yo follow-up; on the road again",
        "The Adolescent Unit was full; goes to a christian school; at southern baptist",
    ],
)
def test_look_alikes_of_the_fifth_set_pass(text: str) -> None:
    assert [f for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CPS worker ms tanaka says prior psychiatrist was at Four Corners", ("ms tanaka", "name")),
        ("pt is mason k, 11, recieved dx of adhd", ("mason k", "name")),
        ("Counselor Zach reports he couldn't sleep", ("Zach", "name")),
        ("behavior with classmates at St. Bernadette. Adoptive", ("St. Bernadette", "school")),
        ("Lost his spot on the Oak Hill Red Devils. PHQ-A 15", ("Oak Hill Red Devils", "school")),
        ("CDL # is on the paperwork (C2288-41930)", ("C2288-41930", "account")),
        ("new rash. pt jm. clinic # 270.555.0163", ("jm", "initials")),
    ],
)
def test_more_shapes_of_the_development_sets_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen by neuro at UAB who mentioned PANDAS", "UAB"),
        ("Transferred by air to Sanford Fargo, discharged", "Sanford Fargo"),
        ("attend counseling at Pathways Inc. and comply", "Pathways Inc."),
        ("parents are both physicians at KU Med. Q: autism", "KU Med"),
    ],
)
def test_health_systems_and_academic_centers_by_short_name_warn(text: str, expected: str) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


def test_the_uk_and_a_patients_words_are_no_institutions() -> None:
    assert scan("moved from the UK last year; pt is on it; pt ok.; pt hx of asthma") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the girl who testified at the hearing", "testified at the hearing"),
        ("the boy who survived the bus crash is struggling", "survived the bus crash"),
    ],
)
def test_a_child_pointed_out_by_what_the_town_saw_warns(text: str, expected: str) -> None:
    assert expected in [f.text for f in scan(text) if f.kind == "characteristic"]


def test_a_child_pointed_out_by_the_last_session_is_no_characteristic() -> None:
    assert scan("the boy who was seen last week; the girl who we discussed") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mom works nights stocking at Bashas'. Her brother", ("Bashas'", "name")),
        ("Mother works 2 jobs (Kroger and a cleaning service)", ("Kroger", "name")),
        ("strangers recognize him at Walmart where mom works", ("Walmart", "name")),
        ("Troy, owner of Whitfield Roofing, yells at her", ("Whitfield Roofing", "name")),
        ("mamá trabaja en la maquiladora Skyworks.", ("Skyworks", "name")),
        ("are all in the same class at Lusher. Parents", ("Lusher", "school")),
        ("it's well known at Olathe North. Home life", ("Olathe North", "school")),
        ("his team, Windward Little League, is in the paper", ("Windward Little League", "school")),
        ("trains 5 days a week at Iron Lotus BJJ in Kapolei", ("Iron Lotus BJJ", "school")),
        ("window at Mott Haven Houses. Medicaid CIN TK48213R.", ("Mott Haven Houses", "address")),
        ("window at Mott Haven Houses. Medicaid CIN TK48213R.", ("TK48213R", "health_plan")),
        ("re: jm (pt of dr reyes) the 10yo on", ("jm", "initials")),
        ("Seen Tues 9/3 and again 9/10. 14 yo F", ("9/10", "date")),
    ],
)
def test_shapes_from_the_seventh_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Family practice out by Scottsbluff. 16 yo F", "Scottsbluff"),
        ("Referral came from a Eureka-based foster agency.", "Eureka"),
        ("Peds at the Fort Bragg clinic, Army family.", "Fort Bragg"),
        ("la terapeuta más cercana está en Arecibo, lista", "Arecibo"),
        ("Paciente de 15 años de Vieques. Desde que", "Vieques"),
        ("Referral to Sheppard Pratt was denied", "Sheppard Pratt"),
        ("DISCHARGE SUMMARY - Children's of Mississippi Patient:", "Children's of Mississippi"),
        ("one of the last living Code Talkers and", "one of the last living"),
        ("the only child in Hawaii with Alström syndrome", "the only child"),
        (
            "the only girl on the varsity wrestling team in town",
            "the only girl on the varsity wrestling team",
        ),
        ("the only one who got out of the house fire", "the only one who got out"),
        (
            "her hālau won the keiki division at the hula competition",
            "won the keiki division",
        ),
        ("the subject of that true-crime podcast", "subject of that true-crime podcast"),
        ("the kid is in all of the dealership's TV commercials", "TV commercials"),
        ("one of the three kids wounded in the shooting", "wounded in the shooting"),
        ("he's the one who found the body in the canal", "found the body"),
        ("her tamales TikToks have two million followers", "two million followers"),
        ("la balacera que pasaron en Telemundo; su prima", "pasaron en Telemundo"),
        (
            "the first Gates Scholar from the reservation",
            "the first Gates Scholar from the reservation",
        ),
    ],
)
def test_places_facilities_and_characteristics_from_the_seventh_set_warn(
    text: str, expected: str
) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


def test_keiki_and_major_depression_are_no_names() -> None:
    text = "Keiki is 10, lives on the island. Admit dx: F32.2 Major depressive disorder."
    assert [f for f in scan(text) if f.kind == "name"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Autumn (grade 6) has been absent 14 days", ("Autumn", "name")),
        ("14yo Yup'ik girl, Arnaq, lives with her grandmother", ("Arnaq", "name")),
        ("Ella-Rose (7), last name Brandvold, both referred", ("Brandvold", "name")),
        ("everybody in Cut Off calls him Tee-Beau. Lives", ("Tee-Beau", "name")),
        ("Re: JENKINS, ROYAL - med question", ("JENKINS, ROYAL", "name")),
        ("Youth: LEWIS, JAMARION D. DOB 4/23/2008", ("LEWIS, JAMARION D.", "name")),
        ("works the night line at Smoky Ridge Poultry and", ("Smoky Ridge Poultry", "name")),
        ("Dad is a lineman for Appalachian Power and is away", ("Appalachian Power", "name")),
        ("Dad drives for Metro Transit. No substance use.", ("Metro Transit", "name")),
        ("hi dr lindqvist its brandi, hunters mom. he", ("brandi", "name")),
        ("tagging mason's school on facebook", ("mason", "name")),
        ("re pt j.r. 10yo, brother k.r. 12, both", ("k.r.", "initials")),
        ("Reason: x. School: Pinkerton Reason: explosive anger", ("Pinkerton", "school")),
        ("suspended again from west ms on the 3rd", ("west ms", "school")),
        ("after school hes at the eastside y til 6", ("eastside y", "school")),
        ("the school resource officer at Powell Valley can", ("Powell Valley", "school")),
        ("money from her purse. Attends Our Lady of Peace.", ("Our Lady of Peace", "school")),
        ("forensic interview is set for the 17th at the CAC", ("17th", "date")),
        ("kinship with maternal aunt 3/4/19-8/30/21; foster", ("8/30/21", "date")),
        ("Great-granny Opal is ninety-two and has been", ("ninety-two", "age_over_89")),
        ("pls pull chart 448201 and 448207 (sibs)", ("448207", "mrn")),
        ("Hospital MRN for Harper is 00-73-1192 from the ED", ("00-73-1192", "mrn")),
        ("ProviderOne: 208814476WA Concerns", ("208814476WA", "health_plan")),
        ("Tricare DBN 20558173401. SCARED 41", ("20558173401", "health_plan")),
        ("driving his dad's truck (VT reg FNX 227) drunk", ("FNX 227", "vehicle")),
        ("after getting his permit, VT 78204419. Nobody", ("78204419", "license")),
        ("electronic monitor unit SL7-40913 will be assigned", ("SL7-40913", "device")),
        ("Dad owns a market on MLK Way and works 14-hour days", ("MLK Way", "address")),
        ("used Xbox gamertag N0rthW1nd77 and later", ("N0rthW1nd77", "social_handle")),
        ("has a Snapchat (yungsaint251) and streams", ("yungsaint251", "social_handle")),
        ("on Reddit she posts as u/quietlilac04, and", ("u/quietlilac04", "social_handle")),
    ],
)
def test_shapes_from_the_sixth_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the family lives on the east side of Wausau; dad", "Wausau"),
        ("Alyssa Moreno, DCYF Tacoma office, 253-555-0131", "Tacoma"),
        ("went to er at pikeville med, sent home", "pikeville med"),
        ("Seen once in the ED at Our Lady of the Lake and", "Our Lady of the Lake"),
        ("since he won the teen men's grass dance at the powwow", "won the teen men's grass dance"),
        ("Dad is on the select board in town.", "is on the select board"),
    ],
)
def test_places_facilities_and_characteristics_from_the_sixth_set_warn(
    text: str, expected: str
) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


@pytest.mark.parametrize(
    "text",
    [
        "will bring a case on the 2nd tuesday; e.g. and i.e. at 8 a.m.; at the front office",
        "the policyholder (Blue Cross, through the employer); via older sib's phone",
        "she is a patient at the clinic; he is a sophomore; the Main office",
    ],
)
def test_look_alikes_of_the_sixth_set_pass(text: str) -> None:
    assert [f for f in scan(text) if f.severity == "block"] == []


def test_a_name_found_once_is_found_wherever_it_stands_again() -> None:
    text = "Siblings Blue (9) and Story (6) Caudill. Blue punches walls; Story has stopped talking."
    assert [f.text for f in scan(text) if f.kind == "name"] == ["Blue", "Story", "Blue", "Story"]


def test_a_modal_verb_is_not_carried_from_a_name() -> None:
    text = "Will, 11, was seen. Will he need meds? Mark the dates."
    assert [f.text for f in scan(text) if f.kind == "name"] == ["Will"]


def test_a_town_before_its_clinic_and_a_school_by_its_level() -> None:
    found = [(f.text, f.kind) for f in scan("it's Marisela from the Nogales clinic.")]
    assert ("Nogales", "city") in found
    found = [(f.text, f.kind) for f in scan("a knife in the parking lot at Belfry High on Monday")]
    assert ("Belfry High", "school") in found
    assert scan("went to the High School; from the main clinic") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("callback number is five five five two oh one nine end", "phone"),
        ("mother's phone number is five five five. Five five five. Zero one six four", "phone"),
        (
            "her social security number is six one two comma five five comma zero four four one",
            "ssn",
        ),
        ("comma zip seven eight five six six period", "zip"),
        ("born december twenty first two thousand twelve period", "date"),
        ("date of birth june the ninth twenty seventeen comma", "date"),
        ("next visit is the fifth of may period", "date"),
        ("first evaluated on the twelfth of February at the", "date"),
    ],
)
def test_dictated_numbers_and_dates_block(text: str, expected: str) -> None:
    assert expected in [f.kind for f in scan(text) if f.severity == "block"]


def test_spoken_counts_and_the_verb_may_are_no_identifiers() -> None:
    assert (
        scan("one or two of them, three times; in may the first week; march third, two tabs")[
            0
        ].text
        == "march third"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mom is kenzie vanlandingham and shes mad we called", ("kenzie vanlandingham", "name")),
        ("re: Adeyemi-Clarke, O. 17yo M, DOB 2/29/08", ("Adeyemi-Clarke, O.", "name")),
        ('PT JOSIAH LEE TACKETT ("BUCK"), DOB 4-1-14', ("BUCK", "name")),
        ("moved Friday from the Gorski home to foster mom", ("Gorski", "name")),
        ("From: Bethany Kuykendall, Care Coordinator", ("Bethany Kuykendall", "name")),
        ("Q: 10yo M, JT, ADHD-C + enuresis", ("JT", "initials")),
        ("13 yo f A.M., hearing a man tell her", ("A.M.", "initials")),
        ("MAMAW IS 91 AND STILL DRIVES HIM", ("91", "age_over_89")),
        (
            "who at ninety-three years of age remains vigorous",
            ("ninety-three years of age", "age_over_89"),
        ),
        ("they live at 1209 w 8th st #4 in odessa", ("1209 w 8th st #4", "address")),
        ("at her home at 12 Whitby Close, Vermillion.", ("12 Whitby Close", "address")),
        ("LIVES ON BLACKBERRY HOLLOW RD. HIS DADDY", ("BLACKBERRY HOLLOW RD.", "address")),
        ("LIVES IN PIKEVILLE 41501. GOT PULLED OVER", ("41501", "zip")),
        ("period school is red lake falls high period", ("red lake falls high", "school")),
        ("GOES TO BEAVER CREEK MIDDLE, 7TH GRADE", ("BEAVER CREEK MIDDLE", "school")),
        ("she attends la casita head start and the teachers", ("la casita head start", "school")),
        ("They attend Église Évangélique de Kennewick.", ("Église Évangélique", "school")),
        ("quit the Edgerton FFA livestock team", ("Edgerton FFA", "school")),
        ("her dance studio (Center Stage Dance Co.) and", ("Center Stage Dance Co.", "school")),
        ("prefers WhatsApp at 555-0128. SCARED 38", ("555-0128", "phone")),
        ("New contact #: 555 0110 • Risperidone", ("555 0110", "phone")),
        ("Aabo's phone: 555 555 0 1 0 5. SCARED", ("555 555 0 1 0 5", "phone")),
        ("dad's phone +91 98555 01234. Campus", ("+91 98555 01234", "phone")),
        ("a video mocking her weight, youtu.be/Qx7bT9mR2pA, with", ("youtu.be/Qx7bT9mR2pA", "url")),
        ("ASD level 2 Prior auth #: PA-2025-0088421", ("PA-2025-0088421", "account")),
        ("Ins: Medi-Cal 90241177B Placing agency", ("90241177B", "health_plan")),
        ("license suspended (OL# A412-887-09-221). Totaled", ("A412-887-09-221", "license")),
    ],
)
def test_shapes_from_the_eighth_and_ninth_sets_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("comma seen in our valley verde family clinic on march", "valley verde family clinic"),
        ("i sent the form from permian basin cmhc but it bounced", "permian basin cmhc"),
        ("SSN: x Release to: Badlands Behavioral Health Fax", "Badlands Behavioral Health"),
        (
            "lives at Maple Crest Residential Services since age 14",
            "Maple Crest Residential Services",
        ),
        ("out by the Sweetwater chapter house, goes to", "Sweetwater"),
        ("was the last surviving Code Talker in the region", "the last surviving"),
        (
            "HIS DADDY IS THE HIGH SCHOOL FOOTBALL COACH SO",
            "DADDY IS THE HIGH SCHOOL FOOTBALL COACH",
        ),
        ("He won the reservation-wide cross-country title", "reservation-wide cross-country title"),
        ("it was on the 6 o'clock news). Now", "6 o'clock news"),
        ("Dad is the county's elected prosecutor, so", "the county's elected prosecutor"),
        ("one of about 40 known cases worldwide, and", "one of about 40 known cases worldwide"),
        ("lost their home in the Bitterroot Gulch wildfire", "the Bitterroot Gulch wildfire"),
        ("Gunnar received the Carnegie Medal for pulling", "received the Carnegie Medal"),
        ("in December that killed six people; he", "that killed six people"),
        ("shown in the widely shared missile-strike photo", "widely shared"),
    ],
)
def test_places_facilities_and_characteristics_from_the_eighth_and_ninth_sets_warn(
    text: str, expected: str
) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "warn"]


@pytest.mark.parametrize(
    "text",
    [
        "mom is happy, teacher is happy; mom is worried about him; the Early Intervention visit",
        "school is community based, daycare is local only; goes to the middle school",
        "Plan: follow up in 2 weeks; BP 110 70 and HR 88; The 4-H and FFA leaders help",
        "we watched the news; the Fire Department came; in close contact; stay close to home",
    ],
)
def test_look_alikes_of_the_eighth_and_ninth_sets_pass(text: str) -> None:
    assert [f for f in scan(text) if f.severity == "block"] == []


def test_a_weekday_before_a_home_visit_is_no_family() -> None:
    assert scan("We set up the Monday home visit; the Friday home visit went well.") == []
    assert [f.text for f in scan("moved Friday from the Gorski home")] == ["Gorski"]


def test_a_familys_surname_before_its_home_visit_blocks() -> None:
    # (a look-alike above until 2026-12-07: the family's surname names the child's relatives,
    # Safe Harbor's first identifier; the retrained word classifier reads it)
    text = "mom is happy, teacher is happy; mom is worried about him; the Smith home visit"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == [("Smith", "name")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quick q - jaylen (9) on guanfacine 1mg, still", ("jaylen", "name")),
        ("cc: ms. Boudreaux (foster mom) wants to know", ("ms. Boudreaux", "name")),
        ('quick consult: Oluwaseun "Seun" Adeyemi, 13, panic', ("Seun", "name")),
        ("The Kowalczyk girls (triplets, 10) all screened", ("Kowalczyk", "name")),
        ("Honey (real name) is 4 and was on the bus", ("Honey", "name")),
        (
            "Lamar goes to Friendship Collegiate, mom wants a 504",
            ("Friendship Collegiate", "school"),
        ),
        ("a boy on the Lapwai Wildcats basketball team, the one", ("Lapwai Wildcats", "school")),
        ("drives a cab, medallion #5K41, works 14h days", ("5K41", "license")),
    ],
)
def test_shapes_from_the_tenth_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_short_texts_of_the_tenth_set_warn_and_pass() -> None:
    found = [f.text for f in scan("Dad is the mayor of Nashua, so please keep this quiet")]
    assert "Nashua" in found
    text = "river, 16, is the only out trans kid in Driggs; the one who hit the buzzer-beater"
    assert {"the only out trans kid", "hit the buzzer-beater"} <= {f.text for f in scan(text)}
    assert scan("with stopping the Risperdal. Prolactin was 48. Will taper over 4 weeks.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fabiola, 15, DOB 06/11/2009, MRN PCHC 4471093. 9th grade", ("4471093", "mrn")),
        ("Cascade Health Alliance member OHP 2290446710. CHIEF", ("2290446710", "health_plan")),
        ("LA Medicaid (Healthy Blue) HB 220117403. CHIEF CONCERN", ("220117403", "health_plan")),
        ("over the phone. KB's best friend moved to Lexington", ("KB", "initials")),
        ("HPI: DJP was brought in on 9/12/2025 after", ("DJP", "initials")),
        ("Summary: D.C. was admitted after an ingestion", ("D.C.", "initials")),
        ("ADDRESS: 851 W 700 N, Salt Lake City, UT 84116", ("851 W 700 N", "address")),
        (
            "DIRECCIÓN: Calle Loíza 1759, Apt 4B, Santurce, PR",
            ("Calle Loíza 1759, Apt 4B", "address"),
        ),
        ("en el barrio Quebrada Grande, Carr. 348 km 4.2.", ("Carr. 348 km 4.2", "address")),
        ("the freeway overpass on MacArthur Blvd on 11/30", ("MacArthur Blvd", "address")),
        ("4410 Transmitter Rd, Lot 22, 32404. CHIEF CONCERN", ("32404", "zip")),
        ("Community Health Center Dededo, Guam 96929 Re:", ("96929", "zip")),
        ("Noah plays hockey for PIHS Wildcats and has missed", ("PIHS Wildcats", "school")),
        ("4. School. He attends School 26; lunch-time", ("School 26", "school")),
    ],
)
def test_shapes_from_the_eleventh_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "EKG normal, QTc 408 ms. Lead level 2 in 2019. Family is engaged; Grace period applies.",
        "in rural Tennessee. Tennessee has a Relative Caregiver Program; small-town Kansas clinic",
        "Medicaid (Denali KidCare). SOCIAL HISTORY: Misses school for pain crises.",
        "Most youth at clinical high risk do not develop psychosis. CK was 1,240 U/L; ASO was 400.",
        "OB started sertraline; the MCO's network; Strong 4-H involvement; a Local 4-H club",
    ],
)
def test_look_alikes_of_the_eleventh_set_pass(text: str) -> None:
    assert [f for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "her brother Abdiwali, 12, are both at roosevelt elementary / roosevelt middle.",
            ("roosevelt middle", "school"),
        ),
        (
            "the kids at Sandhill Consolidated started calling him",
            ("Sandhill Consolidated", "school"),
        ),
        ("Parents want her at Camp Wapiti this summer", ("Camp Wapiti", "school")),
        (
            "After school he is at the Eastside Boys & Girls Club until 7",
            ("Eastside Boys & Girls Club", "school"),
        ),
        ("Sione Fifita (10) at HPMS - sorry", ("HPMS", "school")),
        ("Eli (8) attends Maple Run, a one-room school.", ("Maple Run", "school")),
        (
            "messaged her address. Goes to OUR LADY OF PERPETUAL HELP. Anxiety",
            ("OUR LADY OF PERPETUAL HELP", "school"),
        ),
        ("Oluwaseun (Seun), 11, at the academy", ("Seun", "name")),
        ("Lily-Mae is 12 and survived the storm", ("Lily-Mae", "name")),
        (
            "electronic monitoring (ankle unit BI-LOC8-0093317) through May",
            ("BI-LOC8-0093317", "device"),
        ),
        ("Dexcom receiver, Libre 3 sensor 0M000F7XK2. He has been", ("0M000F7XK2", "device")),
        ("pt 4471920, acct 55-0193-2207. 6 yo girl", ("4471920", "mrn")),
        (
            "Pharmacy profile RX-5520-1187. Mom's Texas DL on file: 40719385.",
            ("40719385", "license"),
        ),
        ("on Bittersweet Ln in Kewaunee County, 54216, with great-grandpa", ("54216", "zip")),
    ],
)
def test_shapes_from_the_twelfth_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is also the son of our only veterinarian, so everybody", "our only veterinarian"),
        ("goes by lana, this year's valedictorian at the academy", "valedictorian"),
        (
            "one of about a dozen children in the country diagnosed",
            "one of about a dozen children in the country",
        ),
        ("and the rescue was filmed by a TV helicopter.", "filmed by a TV"),
        ("mom is one of our three county commissioners. Their son", "county commissioners"),
        ("Her mom is the weeknight weather anchor on the local station", "weather anchor"),
        ("the adoption ran as a two-part newspaper series about how", "newspaper series"),
        (
            "daughter Xiaoyu, 14, national junior table tennis champion in her age group",
            "national junior table tennis champion",
        ),
        ("his grandfather is the retired NFL quarterback whose statue stands", "NFL quarterback"),
        (
            "became an Eagle Scout at 13, the youngest in the council's history, and",
            "youngest in the council's history",
        ),
        ("was taken first overall in the junior league draft", "first overall"),
        (
            "Rebekah has about 2 million Instagram followers as a ballerina",
            "2 million Instagram followers",
        ),
        (
            "the custody fight that went all the way to the state supreme court",
            "state supreme court",
        ),
    ],
)
def test_characteristics_from_the_twelfth_set_warn(text: str, expected: str) -> None:
    assert expected in [f.text for f in scan(text) if f.kind == "characteristic"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IDENTIFIERS FOR HUB CHART NAME: WILLOW PRICE SSN:", ("WILLOW PRICE", "name")),
        ('NAME: Aaliyah (prefers "Lee-Lee") AGE: 9', ("Lee-Lee", "name")),
        ("- Hunter, 11 - Hoven Hawks wrestling - state champ", ("Hoven Hawks", "school")),
        (
            "kicked out of daycare (little lambs learning ctr) 3rd time",
            ("little lambs learning ctr", "school"),
        ),
        ("dcs worker lena whitfield 555-0199 ext 4, medicaid", ("555-0199", "phone")),
        ("on every correspondence, is ZQH 774 019 223. I would", ("ZQH 774 019 223", "account")),
        ("removed 7/28/24 from home at 2219 hwy 15 n, bio dad", ("2219 hwy 15 n", "address")),
        ("by our front desk (D412-5567-8812), and I have asked", ("D412-5567-8812", "account")),
    ],
)
def test_shapes_from_the_thirteenth_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_a_kind_of_preschool_is_no_preschools_name() -> None:
    assert scan("goes to sped preschool 4 mornings/wk, dad deployed") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Tobias "Toby" Kreutzfeld, 15M, admitted', ("Kreutzfeld", "name")),
        ("10 yo Paco (Francisco) Ybarra walks to school", ("Ybarra", "name")),
        ('11 yo "Bo" (Beauregard Lutz) at recess', ("Bo", "name")),
        ("4) The Quintanilla boy (Mateo), 12, OCD", ("Quintanilla", "name")),
        ("one of the Adebayo quadruplets (the only girl)", ("Adebayo", "name")),
        ("rocky's mom called again re: sleep", ("rocky", "name")),
        ("can we still present harmony's case", ("harmony", "name")),
        ("ok so pt is hope delacroix 12f, cutting", ("hope delacroix", "name")),
        ("pt will (11m) and his sister", ("will", "name")),
        ("refill for pt GOMEZ, ANGEL, clonidine 0.1 mg", ("GOMEZ, ANGEL", "name")),
        ("Patient is Hser Mu, 15, from Kansas City", ("Hser Mu", "name")),
        ("the recs for 3392018 (the boy w tics)", ("3392018", "account")),
        ("referral has 00 7712 55, same kid?", ("00 7712 55", "account")),
        ("Vanderbilts for Kolby, 2nd grade, 5581 0092 31. thx", ("5581 0092 31", "account")),
        ("chart 33-219-0473 is back, same overdose", ("33-219-0473", "mrn")),
        ("member W77 4120 18 - PA keeps bouncing", ("W77 4120 18", "health_plan")),
        ("KAYDEN DOB 2014-11-21 Rx 5571882 clonidine", ("5571882", "account")),
        ("the consult request: 6612098834. Patient", ("6612098834", "account")),
        ("the office logs her plate, KQB 7716)", ("KQB 7716", "vehicle")),
        ("Residence: 1408 Calle de la Luna, Las Cruces", ("1408 Calle de la Luna", "address")),
        ("no ccbhc within 90 mi of 59212. 13yo", ("59212", "zip")),
    ],
)
def test_shapes_from_the_fourteenth_and_fifteenth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dispo: home with IOP at Brightwater, f/u PCP 1 wk.", "Brightwater"),
        ("her OB at Franciscan knows about the pregnancy", "Franciscan"),
        ("FEP follow-up at CentraCare next month", "CentraCare"),
        ("sent to Children's Nebraska by ambulance", "Children's Nebraska"),
    ],
)
def test_care_settings_of_the_fifteenth_set_warn(text: str, expected: str) -> None:
    assert (expected, "facility", "warn") in [(f.text, f.kind, f.severity) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "neuro is working up Wilson's; hold the SSRI until Wilson's is ruled out?",
        "doing the Coping Cat workbook (Kendall) at home with mom",
        "follow-up with Dr. in two weeks; referred to the IOP at the hospital",
        "this summer's camp went well; last spring's grades were fine",
        "WISC-V indices 104 98 112 89; scores in 2019 2020 2021 were stable",
        "NDC 0093-7146-56 dispensed; BP 112/70; the year 2019-2020 was hard",
        "I will has to be a typo; free will is a theme in therapy",
    ],
)
def test_look_alikes_of_the_fourteenth_and_fifteenth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Pt goes by "Bugsy" at home and sleeps poorly', ("Bugsy", "name")),
        (
            "Household: MOTHER - ADEBAYO, FOLAKE; SIBLING - ADEBAYO, TUNDE (8)",
            ("ADEBAYO, TUNDE", "name"),
        ),
        ("Sister (17) attends Erasmus Hall and is doing well", ("Erasmus Hall", "school")),
        ("goes to lincoln, 4th gr, and hates recess", ("lincoln", "school")),
        ("14yo on the Wildcats (JV football), concussion in Sept", ("Wildcats", "school")),
        ("varsity soccer at Westlake (the Warriors) since fall", ("Westlake", "school")),
        ("Same classroom at Our Lady of Mercy. Separate them?", ("Our Lady of Mercy", "school")),
        ("Ahora en PS 26, tercer grado, y no quiere ir", ("PS 26", "school")),
        ("baby sister goes to Little Acorns until 5:30", ("Little Acorns", "school")),
        ("kicked out of kidz korner for biting", ("kidz korner", "school")),
        ("Mom's surgery is the 21st.", ("21st", "date")),
        ("mom called the 3rd saying he's worse", ("3rd", "date")),
        ("LIVES ON RT 80 W/ GRANDPARENTS", ("RT 80", "address")),
    ],
)
def test_shapes_from_the_sixteenth_and_seventeenth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "he is the 3rd child; the 2nd one; weight is the 95th percentile",
        "weaned to PS 15/5 overnight, then back to PS 10 with PEEP 5",
        "any deployment books for little ones? mom is active duty Navy",
        "Niña de 7 años con enuresis nocturna, no cambios",
        "Collaborative & Proactive Solutions (Ross Greene) for explosive kids",
        "there's a good manual by Levy and colleagues; the Wilson Reading System at school",
        "Lakota is his uncle's first language; attends Sunday school",
    ],
)
def test_look_alikes_of_the_sixteenth_and_seventeenth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mom works at the dollar barn and can't get off", ("dollar barn", "name")),
        ("Her parents, who own Bluebird Bakery downtown, ask", ("Bluebird Bakery", "name")),
        ("dad drives a truck for arkla feed and seed all week", ("arkla feed and seed", "name")),
        ("Employer Columbia Basin Orchards has no insurance", ("Columbia Basin Orchards", "name")),
        ("waitresses at Hartzell's Diner in the evenings", ("Hartzell's Diner", "name")),
        ("foster home #2 (the Lindgrens) until January", ("Lindgrens", "name")),
        ("The Hartmans would prefer the written summary", ("Hartmans", "name")),
        ("kids are junior 12, precious 9, king 7 and nevaeh 4", ("precious", "name")),
        ("same family: sponsor SSgt Lindqvist, 82nd Abn", ("SSgt Lindqvist", "name")),
        ("Social worker: Darnell Price, call with questions", ("Darnell Price", "name")),
        ("School nurse Holly Tran gave naloxone", ("Holly Tran", "name")),
    ],
)
def test_employers_families_and_staff_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "referred to Child & Family Services; Lutheran Social Services has a waitlist",
        "PHQ 9, GAD 7 and CDI 4; ages 9, 7 and 4; the Browns won; the Carolinas",
        "the 7 yo with the tics; gentle CPT done x2; CPT. Using IS up to 1 l",
    ],
)
def test_look_alikes_of_employers_and_families_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("auth pending - 'Peanut' Arellano: speech, no-shows", ("Arellano", "name")),
        ('accommodations for Tobias ("Toby") Lindqvist, a 10th grader', ("Lindqvist", "name")),
        ("Mom (Sra. Villarreal) reports nightmares", ("Sra. Villarreal", "name")),
        ("Familia Ochoa, colonia Las Lomas", ("Ochoa", "name")),
        ("can someone call ms. kowalski back re: the inhaler", ("ms. kowalski", "name")),
        ("Medical Center Name: CASTRO-LEÓN, MATEO DOB", ("CASTRO-LEÓN, MATEO", "name")),
        ("foster clinic Child: Journey A. DOB unknown", ("Journey A.", "initials")),
        ("at the family shelter on Euclid since the fire", ("Euclid", "address")),
        ("daycare (Little Lambs on 5th), director threatening", ("5th", "address")),
        ("grade 7, Harding MS. To the 504 team", ("Harding MS", "school")),
        ("school records from Madera Unified - 4 yo", ("Madera Unified", "school")),
        ("screams at drop off at Kiddie Kastle every day", ("Kiddie Kastle", "school")),
        ("she's at 555-0199, works late", ("555-0199", "phone")),
    ],
)
def test_shapes_from_the_eighteenth_and_nineteenth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "The family attends church on Sundays; dad is on 2nd shift; she is on 5th grade math",
        "lives on Medicaid and SNAP; the clinic on the 3rd floor",
        "she is 'Okay' Tuesday said 'Thanks' Doctor",
    ],
)
def test_look_alikes_of_the_eighteenth_and_nineteenth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bio father lives in Ogden. SCHOOL: West High", "Ogden"),
        ("mother left for Missoula in 2022", "Missoula"),
        ("was medevaced to Bethel overnight", "Bethel"),
        ("Westside Family Health Center, Denver", "Denver"),
        ("Delta Rural Health Clinic, Belzoni, MS. Clinic line", "Belzoni"),
        ("Westwood Family Clinic (Denver), presenting a 17 yo", "Denver"),
        ("Kayenta. 15 yo girl, restricting", "Kayenta"),
        ("Pikeville area, case for the hub", "Pikeville"),
    ],
)
def test_towns_by_their_place_in_a_text_warn(text: str, expected: str) -> None:
    assert (expected, "city", "warn") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_a_practices_suffix_or_a_given_name_is_no_town() -> None:
    found = [(f.text, f.kind) for f in scan("Mountain Family Medicine, Inc. Jordan. 15 yo boy")]
    assert not any(kind == "city" for _, kind in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a therapist at Kentucky River Community Care since spring",
            "Kentucky River Community Care",
        ),
        ("seen by Min-jung Lee at Asian Health Services in 2023", "Asian Health Services"),
    ],
)
def test_agencies_warn(text: str, expected: str) -> None:
    assert (expected, "facility", "warn") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_agency_words_alone_name_no_agency() -> None:
    text = "Child Protective Services, Family Services and Behavioral Health Services"
    assert [f for f in scan(text) if f.kind == "facility"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at the meet in May (the Statesman wrote him up)", "wrote him up"),
        ("Dad is the base commander and she is scared", "the base commander"),
        ("a video of it went around school on Snapchat", "video of it went around school"),
        ("since the fire that was on channel four news", "channel four news"),
        ("She is the only female K-9 handler on post", "the only female K-9 handler"),
        ("his sister is the rodeo queen this year", "rodeo queen"),
    ],
)
def test_coverage_and_roles_in_other_words_warn(text: str, expected: str) -> None:
    found = [(f.text, f.kind) for f in scan(text)]
    assert (expected, "characteristic") in found


def test_clinical_writing_up_and_running_is_no_coverage() -> None:
    found = scan("I wrote it up in the chart; we ran a CBC; covered by insurance")
    assert [f for f in found if f.kind == "characteristic"] == []


@pytest.mark.parametrize(
    "text",
    [
        "CRAFFT 0. School: Teacher very supportive; IEP under OHI. School: Evaluated for a 504",
        "From: Care Coordinator\nTo: Hub Intake\nSubject: RE: RE: case for Thursday",
        "Labs pasted (collected XX/XX, 07:45); the GAL asked; our Medicaid MCO says no; EtOH 2x/wk",
        "tricare covers PCIT? military fam, 4yo, dad just back",
        "Please stop scheduling on the 2nd and 4th Thursdays",
        "BMI at the 25th percentile, dropping from the 15th.",
        "Screening: ARI parent 10/12, child 6/12; Vanderbilt parent: ODD 7/8",
    ],
)
def test_look_alikes_of_the_twentieth_and_twenty_first_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


def test_a_school_field_that_names_the_school_after_a_verb_blocks() -> None:
    found = [(f.text, f.kind) for f in scan("School: Attends Oak Hill; counselor reports tears")]
    assert ("Oak Hill", "school") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She's at Barkley Elementary on post", ("Barkley Elementary", "school")),
        ("one of the Hinojosa sextuplets from Hooker", ("Hinojosa", "name")),
        ("Given name Wambli Win, goes by Winnie", ("Wambli Win", "name")),
        ("Can we get a 20-minute slot? Thanks, Heather", ("Heather", "name")),
        ("seen at the Hospital ED 4/5 after a fight", ("4/5", "date")),
    ],
)
def test_shapes_from_the_twenty_second_and_twenty_third_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_a_rating_that_ends_a_comment_is_no_date() -> None:
    assert scan("great session, it's our internet not yours - 4/5") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Destiny's chart here is 00418-7731 if the hub needs it", "00418-7731"),
        ("the pharmacy account is 30-118842. Callback", "30-118842"),
        ("Booking #: JD-24-03318 DOB withheld", "JD-24-03318"),
        ("ins: aetna better health mbr 1EG4-TE5-MK72 15F", "1EG4-TE5-MK72"),
        ("Medicaid ID we have on file (NH4471902A) isn't pulling up", "NH4471902A"),
    ],
)
def test_identifiers_by_their_shape_block(text: str, expected: str) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "shift 0800-1630; 2019-2021; 10000-20000 units; FY2025; COVID-19; PHQ-9; ICD-10-CM",
        "the interprofessional codes (99446-99449) and CPT 99492-99494",
        "SAMHSA helpline (1-800-662-HELP) and 988 on the fridge",
        "HLA-B*1502 negative; CYP2D6 poor metabolizer; SARS-CoV-2; 22q11.2; BRCA1",
        "U/O 100-200CC/HR; HR-110-133; BP 106-195/54-92",
    ],
)
def test_look_alikes_of_identifiers_by_shape_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the photograph that ran in newspapers nationwide", "ran in newspapers"),
        ("he scored 51 points, a school record", "a school record"),
        ("a bill in the legislature now carries his brother's name", "bill in the legislature"),
        ("she sentenced her own nephew - it was everywhere", "it was everywhere"),
    ],
)
def test_coverage_in_the_press_and_the_legislature_warns(text: str, expected: str) -> None:
    assert any(f.kind == "characteristic" and f.text.startswith(expected) for f in scan(text)), (
        scan(text)
    )


def test_a_paid_bill_and_a_rash_everywhere_are_no_coverage() -> None:
    found = scan("the bill was paid; the school recorded absences; rashes were everywhere")
    assert [f for f in found if f.kind == "characteristic"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok update. rocky (nickname, the 11yo w the tics)", ("rocky", "name")),
        ("north ridge middle re the 12yo (hope). what accommodations", ("hope", "name")),
        ("Mom calls him Boo but his legal name is different", ("Boo", "name")),
        ("moves from the Whitfield foster home to a group home", ("Whitfield", "name")),
        ("she cleans rooms at the Lakeview Inn at night", ("Lakeview Inn", "name")),
    ],
)
def test_names_beside_ages_nicknames_and_homes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_a_word_before_an_age_in_parentheses_is_no_name() -> None:
    assert scan("liked more time on the second case (the 7 yo with food restriction)") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("follow up: saw JT again, he is the boy whose dad", ("JT", "initials")),
        ("Update on KT: off the risperidone, prolactin normal", ("KT", "initials")),
        ("Thank you for bringing TJ to the ECHO on February 6.", ("TJ", "initials")),
        ("follow up: AMG saw neuro Tue, EEG normal", ("AMG", "initials")),
        ("consult line - calling about 12yo journey w restrictive eating", ("journey", "name")),
        ("14 yo DESTINY, school refusal since the second week", ("DESTINY", "name")),
        ("SBHC NP here (Swain HS). student 16 disclosed", ("Swain HS", "school")),
        ("teachers at McDowell Elem love it", ("McDowell Elem", "school")),
        ("in the parking lot at Letcher Co Central.", ("Letcher Co Central", "school")),
        ("Clinica del Valle, 2101 W 1st St, Santa Ana", ("2101 W 1st St", "address")),
    ],
)
def test_shapes_from_the_twenty_fourth_to_twenty_sixth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "EP saw strips of ectopy; SW saw the family; EHR says declined; update on ADHD: better",
        "ID/CC: 16 yo boy, junior, depression and restriction",
        "Pt MAE, follows commands. Pt MAX assist to chair.",
        "Referred a 14 yo with anxiety; 9yo boy will need a 504, 10 yo girl presented with",
        "Case #: pending. Lang: Spanish, interpreter used.",
        "she is the youngest of four; the oldest sibling is in the Army",
    ],
)
def test_look_alikes_of_the_twenty_fourth_to_twenty_sixth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 yo boy, the kid who found the missing hiker and was on 9News", "on 9News"),
        ("her mom is a state rep and is worried about privacy", "mom is a state rep"),
        ("Keizer. 15 yo, her dad is the Secretary of State.", "dad is the Secretary of State"),
        ("8yo boy, lost both parents in the mine collapse, now w/ uncle", "lost both parents"),
        ("the mill explosion that killed his dad was on all the stations", "the mill explosion"),
        ("he's the kid who fell through the ice", "fell through the ice"),
        ("youngest rider in the Suicide Race at the Stampede", "youngest rider in the S"),
        ("9 yo, only kid in the county with a cochlear implant", "only kid in the county with"),
        ("the girl with EB the whole school raised money for", "the whole school raised"),
        ("3x state high school rodeo barrel racing champ", "state high school rodeo"),
    ],
)
def test_characteristics_in_yet_other_words_warn(text: str, expected: str) -> None:
    assert any(f.kind == "characteristic" and f.text.startswith(expected) for f in scan(text)), (
        scan(text)
    )


def test_an_only_child_and_a_youngest_sibling_are_no_characteristic() -> None:
    found = scan("only child in the home; the youngest of three; first ever panic attack? no.")
    assert [f for f in found if f.kind == "characteristic"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weekly list\n3. Mason 14 - 1201577 - new, vaping", ("Mason", "name")),
        ("sibs: Brayden 9, Aubree 7, Lane 3 (Lane is w/ paternal side)", ("Lane", "name")),
        ("Family of 6 in our practice: Hope 15 (index pt, MDD), Chance 12", ("Hope", "name")),
        ("river 11 at bethel elem - poss sexual abuse disclosed", ("river", "name")),
        (
            "Medicaid ID RI77102934 Guarantor Marie-Claude Fils-Aimé",
            ("Marie-Claude Fils-Aimé", "name"),
        ),
        ("IN THE MATTER OF A.M., a minor ORDERED that", ("A.M.", "initials")),
        ("prefers the imam at Masjid al-Ansar to counsel", ("Masjid al-Ansar", "school")),
        ("Shelter intake 12 desanm 2024 per their form", ("12 desanm 2024", "date")),
        ("CM: home visit ngày 5 tháng 3 (mom wrote the date)", ("ngày 5 tháng 3", "date")),
    ],
)
def test_lists_by_age_guarantors_courts_and_dates_abroad_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "1. Grade 5 - reading below level\n2. Session 3 - CBT homework",
        "Max 2 doses a day; Hope 1.5 mg? no: dose 10 mg, Will 3 days do?",
        "Re: Case 19 - the hearing; Assembly Bill (AB 12) extends care",
        "trans pacer rate 60, MA 5, sensing appropriate; took 3 mas ago",
    ],
)
def test_look_alikes_of_lists_by_age_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first in care 4/2-4/30/2025, then reunified", ["4/2", "4/30/2025"]),
        ("seen at the SBHC 2/3, 2/10 and 2/24. Progressive", ["2/3", "2/10", "2/24"]),
        ("F/U 14 YO M SEEN 2/3, 2/17 AND 3/3.", ["2/3", "2/17", "3/3"]),
    ],
)
def test_a_date_listed_with_a_plain_date_is_a_date(text: str, expected: list[str]) -> None:
    assert [f.text for f in scan(text) if f.kind == "date"] == expected


def test_scores_listed_together_are_no_dates() -> None:
    assert scan("Vanderbilt 2/9, 3/9 and 4/9 on the three scales; took 1/2, 1/4 tab") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("huddle • Faleolo, Siaosi 11 -- angry, broke door", ("Faleolo, Siaosi", "name")),
        ("absent 31 days van Beek, Daan K -- absent 12 days", ("van Beek, Daan", "name")),
        ("08:20  Xiong, Maiv   15y F   anxiety", ("Xiong, Maiv", "name")),
        ("Yusuf 15, Amina 12, Abdirahman 9, Hodan 5 -- Somali family", ("Hodan", "name")),
        ("(shelter intake) A. Tiana 13 -- PHQ-A 14 B. Marquise 10", ("Tiana", "name")),
        ("Pt: Kasayulie, Nathaniel  HRN 218844 Home: Akiachak", ("218844", "mrn")),
        ("CDIB 14-22871 on file for IHS", ("14-22871", "license")),
        ("MEMERE IS 92 AND THE MAIN CAREGIVER.", ("92", "age_over_89")),
        ("Grandma Ruthie (ninety-one), legal guardian", ("ninety-one", "age_over_89")),
        (
            "email is tripp dot whitaker at example dot com but",
            ("tripp dot whitaker at example dot com", "email"),
        ),
        ("The school (Hawthorne) call me 3 times.", ("Hawthorne", "school")),
        ("12 YO, SUSPENDED FROM SEBEC LAKE SCHOOL FEB 2", ("SEBEC LAKE SCHOOL", "school")),
        ("church: Cimarron First Mennonite - youth pastor", ("Cimarron First Mennonite", "school")),
    ],
)
def test_huddle_lists_spoken_emails_and_schools_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Depressed, PHQ-A 18, passive SI. Cutting, PHQ-A 19. Ninth-grader, CRAFFT 3",
        "Region: Mountain West. Tricare West. Patient: XXXXX, XXXXX. No AH/VH. our IT says",
        "she is the 5th to disclose SI; from the 3rd grade on",
        "WORKS AFTER SCHOOL; CALL ME AT SCHOOL; FINISHED NURSING SCHOOL; UP AT DAWN ON SCHOOL DAYS",
        "an Old Order Mennonite family; the peer program at school (Hope Squad)",
        "12 yo Muscogee citizen; Palauan family; Maestra says; a student Chromebook",
        "we met at the school dot com era",
    ],
)
def test_look_alikes_of_the_twenty_seventh_and_twenty_eighth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dad works seasonal at Valley Citrus Packers. Mom", ("Valley Citrus Packers", "name")),
        ("Mom cleans houses for Desert Sun Cleaning in El Centro", ("Desert Sun Cleaning", "name")),
        ("Mamá trabaja de noche en Panadería La Borinqueña", ("Panadería La Borinqueña", "name")),
        ("Niño de 9 años (E.G.), TDAH y encopresis.", ("E.G.", "initials")),
        ("El nene (JLR, 8 años) tiene miedo", ("JLR", "initials")),
        ("14 yo MV with cutting, says she cuts", ("MV", "initials")),
        ("Bishop Hales of the Twin Falls 14th Ward came", ("Bishop Hales", "name")),
        ("stopped going to Primary at the Rexburg 14th Ward", ("Rexburg 14th Ward", "school")),
        ("baila en la Escuela de Bomba Tambó Arriba", ("Escuela de Bomba Tambó Arriba", "school")),
        ("kolton 14yo seen 10-3 in dodge city", ("10-3", "date")),
        ("1180 Grand Concourse, Apt 6F, Bronx", ("1180 Grand Concourse, Apt 6F", "address")),
        ("grandparents at 1108 Avenue I, Scottsbluff", ("1108 Avenue I", "address")),
        ("outside Brownsville, 4410 Mile 7 Rd. No AC", ("4410 Mile 7 Rd.", "address")),
        ("lives in Las Milpas, Lot 14, Calle Girasol (no", ("Lot 14, Calle Girasol", "address")),
        ("Tanner Little Plume, 15, from Browning", ("Tanner Little Plume", "name")),
        ("Community Health: Losa Toleafoa, 11F, MRN", ("Losa Toleafoa", "name")),
        ("Context for hub: 14 yo F Addison, her TikTok", ("Addison", "name")),
        ("wren, 9, cody - mom says meltdowns after school", ("wren", "name")),
    ],
)
def test_shapes_from_the_twenty_ninth_and_thirtieth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "14 yo CHamoru girl; a Tejano family; Oromo and Amharic speaking; Chuukese interpreter",
        "Appalachian family; a Lakota family; Navajo dad, Blackfeet mom",
        "foster mom is Alaska Native, same tribe",
        "desde el huracán María (2017); Hurricane Ida; Semana Santa is coming",
        "Standing Rock Sioux Tribe; Leech Lake Band of Ojibwe; the Mississippi Delta",
        "Unci says he goes to the inipi; Manman says; Ayeeyo lives with them; Tele visits work",
        "Medicaid + Katie Beckett waiver. Board policy 5130 is vague. CVS says PA expires",
        "for the 8th grader, do I call the parent; the 5th grader I brought in Sept",
        "Twin Falls, 14 yo girl. Sioux Falls 12 yo. Grand Rapids, 9, twins",
    ],
)
def test_look_alikes_of_the_twenty_ninth_and_thirtieth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Re: Summer (DOB 7/30/2012) - the hub recommended", ("Summer", "name")),
        ("The case from Sandhills about MOC, the 16 yo after", ("MOC", "initials")),
        ('Asher\'s sister, "stomachaches" AB needs BH f/u this wk', ("AB", "initials")),
        ("both on Concerta 27. Grundy Elem counselor willing", ("Grundy Elem", "school")),
        (
            "lives in Cedar City, goes to Red Cliffs Canyon HS. escitalopram",
            ("Red Cliffs Canyon HS", "school"),
        ),
        ("Mahoning Valley Health. 16 y/o keyshawn presents for a physical", ("keyshawn", "name")),
        (
            "14 yo F KLM inpt at Smoky Mountain Youth Psych 11/19-11/24 after",
            ("11/19-11/24", "date"),
        ),
    ],
)
def test_shapes_from_a_second_reading_of_the_later_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_tubes_and_peoples_after_the_age_are_no_names() -> None:
    found = scan(
        "ETT needs to be advanced 1cm. 13 y/o Comanche male; Lumbee family; 9 yo Kiowa boy"
    )
    assert [f.text for f in found if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elko NV, fam med. 17 yo boy, ranch", "Elko"),
        ("Springdale AR, 11 yo, ? bullying", "Springdale"),
        ("Huddle list Cascade Peds Wenatchee 11/4 pm", "Wenatchee"),
        ("Lily, 13, Okemos. her mom is worried", "Okemos"),
        ("Pa Nhia Vang 16F, Wausau, seen at the CMH", "Wausau"),
    ],
)
def test_towns_set_off_by_a_state_a_practice_or_the_age_warn(text: str, expected: str) -> None:
    assert (expected, "city") in [(f.text, f.kind) for f in scan(text)]


def test_scores_and_words_set_off_after_a_number_are_no_towns() -> None:
    found = scan("Scores: PHQ-A, GAD-7, Vanderbilt, SCARED. To: Sunrise Pediatrics Portal")
    assert [f for f in found if f.kind == "city"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("urgent care with my great grandma shes 90", ("90", "age_over_89")),
        ("youth booked 8/2, booking # 24-11873. Reports", ("24-11873", "account")),
        ("Pt is LH, seen Jan 9 w/ dad.", ("LH", "initials")),
        (
            "bio dad no contact school: 4th gr monocacy elem meds: concerta",
            ("monocacy elem", "school"),
        ),
    ],
)
def test_shapes_from_the_thirty_first_and_thirty_second_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_the_verb_handle_agencies_and_cars_are_no_identifiers() -> None:
    text = "how do I handle lamotrigine? OCS says ok; DHR says; DCS wants; 2014 Camry VIN pending"
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 yo Jaylin, the kid from the subway surfing video, ED visit", "the kid from the"),
        ("her family's house fire was on every local channel", "on every local channel"),
        ('NY1 did a whole feature on "the shelter poet"', "did a whole feature"),
        ("since the Tribune ran his picture carrying the dog out", "ran his picture"),
        ("15 yo F, dad is the tulip festival director so", "dad is the tulip festival director"),
        ("Su mamá es la alcaldesa de Hormigueros", "mamá es la alcaldesa"),
        ("her father is an imam at Masjid Al-Taqwa", "father is an imam"),
        ("mom blogs publicly about his transplant", "blogs publicly"),
        ("scored the winning goal in the state cup final", "state cup final"),
        ("Destiny is a nationally ranked junior chess player", "nationally ranked"),
        ("dad is in prison for the outlet mall shooting", "the outlet mall shooting"),
        ("the crash on I-80 that killed two of his teammates", "that killed two of his"),
        ("won the state 2A cross-country title last fall", "state 2A cross-country title"),
    ],
)
def test_characteristics_in_still_more_words_warn(text: str, expected: str) -> None:
    assert any(f.kind == "characteristic" and f.text.startswith(expected) for f in scan(text)), (
        scan(text)
    )


def test_a_clinic_story_and_a_final_exam_are_no_characteristics() -> None:
    found = scan("the story from the last visit; her final exam; mom is the one who calls")
    assert [f for f in found if f.kind == "characteristic"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coach Dupree kicked him off the Eastside Eagles too.", "Eastside Eagles"),
        ("Plays travel baseball (Tri-County Thunder 12U). Mom", "Tri-County Thunder"),
        ("on her volleyball team (the Sandpoint Lady Bulldogs).", "Sandpoint Lady Bulldogs"),
        ("quit Panthers basketball, sleeping all day", "Panthers"),
        ("now K at Cardinal Valley, hits teachers daily.", "Cardinal Valley"),
        ("Struggling at Nelsonville-York. Mamaw wants", "Nelsonville-York"),
        ("sophomore at OHS. Cut left forearm", "OHS"),
        ("15m at rhs got jumped, video all over snap", "rhs"),
    ],
)
def test_teams_by_mascot_and_schools_named_bare_block(text: str, expected: str) -> None:
    assert (expected, "school") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_professional_teams_and_services_are_no_schools() -> None:
    text = "watched the Eagles game with dad; spoke with Dr. Yazzie at IHS; at DHS today"
    assert [f for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dad called again. Wade (Kaden's dad) says he locked", ("Wade", "name")),
        ("JLW 15 F at Bastogne Heights Middle-High", ("JLW", "initials")),
        ("11 y/o M, dependent of SSG Holloway (currently deployed)", ("SSG Holloway", "name")),
        ("Living in the shelter on E 180th St. EPDS 16", ("E 180th St", "address")),
        ("7th gr at MS 287X. School psych sent", ("MS 287X", "school")),
        ("from Whitman Elementary: 3. from Lincoln K-8: 5.", ("Lincoln K-8", "school")),
        ("Pasted from MHS Genesis: PARDO, ELENA M   DOB: 20110402", ("PARDO, ELENA M", "name")),
        ("update on my pt lucas - his mom texted", ("lucas", "name")),
        ("coach Pruitt let him rejoin the Mount Vernon Mustangs", ("coach Pruitt", "name")),
        ("The teen I presented (R.T.) did go to the intake", ("R.T.", "initials")),
    ],
)
def test_shapes_from_the_thirty_third_and_thirty_fourth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Resp: changed to PS 15/peep 5; weaned from PS 15 to 10. CPT DONE X2. CSM WNL.",
        "asks for no notes in MHS Genesis; has MS 2 lesions; MS 45 mg",
        "Mom asks re: MCD waiver; re: ICC intake; pt dev hematoma at the site",
    ],
)
def test_look_alikes_of_the_thirty_third_and_thirty_fourth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Mississippi Delta, 15 yo Black male, Magnolia Health. Mom works",
        "pt on MCD (Magnolia). our Medicaid MCO (Magnolia) will pay; IL Medicaid (Meridian)",
        'Presenting: 9yo girl, "Grace under pressure" per teacher; the handout "Hope and Healing"',
        "trained in Kendall's Coping Cat and the C.A.T. Project adaptation",
    ],
)
def test_regions_plans_quoted_phrases_and_programs_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


def test_a_quoted_name_still_blocks() -> None:
    found = [
        f.text
        for f in scan('known to everyone in town as "Bear", whom I first saw')
        if f.severity == "block"
    ]
    assert found == ["Bear"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ricky Joe 9 yo 00482211, seen in our clinic", ("00482211", "mrn")),
        ("Pt 7 yo F, 3381046, FASD confirmed at 4", ("3381046", "mrn")),
        ("grandma Ms. Odessa is 90 and raising him", ("90", "age_over_89")),
        ("hub's rec re: Chuy (the 12 yo with tics): clonidine helped", ("Chuy", "name")),
        ("12 yo boy Bishop, 7th grade at Jefferson MS", ("Bishop", "name")),
        ("pt #00293847, BadgerCare 4402918837, SSN", ("4402918837", "health_plan")),
    ],
)
def test_shapes_from_the_thirty_fifth_and_thirty_sixth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Alaska Native 10yo, Yup'ik first language; also on snapchat til 2 am",
        "Mom: 'Will he grow out of it?' the patience of Job; prepaid phones (Cricket, Metro)",
        "Dev peds in Tacoma says; a Yemeni-American boy; Judge wants an eval",
        "Child Somatic Symptoms Inventory 28; a child    Case No. pending",
    ],
)
def test_look_alikes_of_the_thirty_fifth_and_thirty_sixth_sets_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("set the state 5A record in the 100m last spring", "set the state 5A record"),
        ("placed 2nd in the Jr. Iditarod last yr", "placed 2nd in the Jr"),
        ("his granddaddy is our state senator", "granddaddy is our state senator"),
        ("threw the perfect game in the regional final", "perfect game"),
        ("the girl who went missing in 2023, the one on all the posters", "went missing"),
        ("the miner who was brought out on live TV", "live TV"),
        ("youngest of the 13 kids on that TLC show", "that TLC show"),
        ("the twins born in the ambulance on the mountain", "born in the ambulance"),
    ],
)
def test_characteristics_from_the_thirty_sixth_set_warn(text: str, expected: str) -> None:
    assert any(f.kind == "characteristic" and f.text.startswith(expected) for f in scan(text)), (
        scan(text)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nombre: Yesenia   FN: 12-ago-2013   Tel: pending", ("12-ago-2013", "date")),
        ("14M, booked 1/8, charges pending", ("1/8", "date")),
        (
            "stopped going to youth group at pilgrim rest free will baptist which",
            ("pilgrim rest free will baptist", "school"),
        ),
        (
            "pt: ruby mae dob withheld school: bluff springs elem, yellville",
            ("bluff springs elem", "school"),
        ),
        ("School nurse at Coal City Middle. 13 yo found", ("Coal City Middle", "school")),
        ("Address for the home visit: Calle 7, Lote 14, Alton", ("Calle 7, Lote 14", "address")),
    ],
)
def test_shapes_from_the_thirty_seventh_and_thirty_eighth_sets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_peoples_and_shorthand_of_the_thirty_seventh_and_thirty_eighth_sets_pass() -> None:
    text = "a Triqui family; a Rohingya family; 10 yo girl, Yazidi; was 25th %ile; his MH needs"
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child Wisly, 10, school PS 189, Flatbush.", ("PS 189", "school")),
        ("Care coordination log 1/6 - spoke w/ school SW at JFK Middle", ("1/6", "date")),
        ("log 1/6 - spoke w/ school SW at JFK Middle, 504 meeting", ("JFK Middle", "school")),
        ("Runs XC for BHS, coach noticed first.", ("BHS", "school")),
        ("Their portal login is aurora_k_2009 - she shared it", ("aurora_k_2009", "social_handle")),
        ("SBHC CASE FORM Student: DJ (8th gr), Eastgate", ("DJ", "initials")),
    ],
)
def test_shapes_from_the_fortieth_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_scores_with_a_dash_after_them_are_no_log_dates() -> None:
    assert [f for f in scan("PHQ 3/9 - improved; score 4/5 - better") if f.kind == "date"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 yo M, 8th gr @ Tamarack MS up north", ("Tamarack MS", "school")),
        ("MRN E0033918 Adm 12/28 - DC 1/4   Penobscot Valley", ("1/4", "date")),
        ("f/u on Brody (4402917, presented in Oct): sertraline", ("4402917", "mrn")),
        ("J.B. 554019, 16M, won state in the 2 mile", ("554019", "mrn")),
    ],
)
def test_shapes_from_the_thirty_ninth_set_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_numbers_in_parentheses_after_words_are_no_record_numbers() -> None:
    found = scan("BP 110/70 (100000 units); dose 10000, 5 mg; Spanish at home")
    assert [f.text for f in found if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("portal msg from pt (16): hey its jordan. i dont want to", "jordan"),
        ("text from teen: yo its dre can u tell coach", "dre"),
        ("mom's msg: 'hi its Tonya Reese's mom, I work 2nd shift'", "Tonya Reese"),
        ("he texted: 'this is Curtis, the school wants a meeting'", "Curtis"),
        ("forwarded: hi its river. i just wanted to say thanks", "river"),
    ],
)
def test_who_greets_and_says_who_is_writing_is_named(text: str, expected: str) -> None:
    assert (expected, "name") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "hi its me again, the rash is back",
        "hi this is mom, she slept better",
        "hey its getting worse at night",
        "hi, it's been a rough week for him",
        "hi this is Torgerson FNP up north, calling about a 15yo",
    ],
)
def test_greetings_without_a_writer_s_name_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.kind == "name"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("re: Keanu - started the fluoxetine 5/5, no change yet", "5/5"),
        ("Care coord note 5/6: called the grandmother", "5/6"),
        ("seen in our laurel clinic 3/4. safety plan done", "3/4"),
        ("IEP mtg set for 5/6 at the junior high", "5/6"),
    ],
)
def test_month_days_that_could_be_fractions_are_dated_by_their_clause(
    text: str, expected: str
) -> None:
    assert (expected, "date") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "cannabis daily since 13, CRAFFT 5/6, now paranoid",
        "seen 3/4 of the days this month",
        "started 2/5 days a week at the new school",
        "since then attends 3/5 school days",
    ],
)
def test_fractions_and_scores_after_date_words_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.kind == "date"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("School: IEP under OHI at Westbrook; 2 suspensions this year.", "Westbrook"),
        ("HPI: Swims for St. Pius and a club team, 20 h/week.", "St. Pius"),
        ("wants the form signed for Mill Creek football", "Mill Creek"),
        ("had another meltdown at St. Hedwig today and the principal says", "St. Hedwig"),
        ("quit football at Dawson Springs last month", "Dawson Springs"),
    ],
)
def test_a_town_or_saint_where_a_child_goes_to_school_is_the_school(
    text: str, expected: str
) -> None:
    assert (expected, "school") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "He was admitted at St. Mary's after the fight at school",
        "lives in Westbrook and attends school there",
        "seen at Westbrook for the school fight",
    ],
)
def test_hospitals_and_homes_near_school_words_stay_warnings(text: str) -> None:
    assert [f.text for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    "text",
    [
        "vive con su abuela porque la mamá está en la cosecha",
        "bajó 2 kg (de 29.5 a 27.4). Dolores de cabeza casi a diario",
        "mom thinks seizures \u2022 Para reports he hums and rocks",
        "WISC-V FSIQ 94; Working Memory 82; Processing Speed 78",
        "Vomits most mornings (Sun\u2013Thu nights worst)",
        "does this read OK at a 6th grade level? Flesch-Kincaid says grade 8.2",
        "Interpreter (Yoruba) not needed, family prefers English",
        "Lives with parents and grandmother (Teta). Teta says to read Quran",
        "School: Homebound instruction offered; School: ESL teacher is kind",
        "mom found razor blades + snap msgs w/ older guy",
        "his weight has fallen from the 25th to the 9th percentile over one year",
        "From my notes (we use initials on the ECHO forms)",
        "Will recommend this ECHO to our new PA in Summer. Rating 5.",
    ],
)
def test_words_of_the_fortieth_sets_that_look_like_identifiers_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the Medicaid ID is inactive. Dad read it out: W 7 2 0 4 4 8 1 1 9 3.",
            "W 7 2 0 4 4 8 1 1 9 3",
        ),
        ("voicemail: call me back at 6 0 6 5 5 5 0 1 7 1, I'm the one", "6 0 6 5 5 5 0 1 7 1"),
        ("Care coordination log: 2/4 10:12 called Molina re: auth", "2/4"),
        ("he's 10, I saw him 10/10, ASQ positive, non-acute", "10/10"),
        ("Re: your recommendations for J.P. (presented 2/6). Thank you", "2/6"),
        ("He's Kaleb, 13, and his account is kaleb_skates_406. I reported it.", "kaleb_skates_406"),
        ("the discord stuff. my user there is vxidwalker. u can email me", "vxidwalker"),
        ("posted on the student portal from account j.moreau27, logins from", "j.moreau27"),
    ],
)
def test_numbers_read_out_dated_logs_and_accounts_block(text: str, expected: str) -> None:
    assert expected in [f.text for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "rated each item 1 2 3 4 5 6 7 on the scale",
        "PHQ 3/9 at the 10:00 visit",
        "the user is Medicaid; her account is overdue; the login is blocked",
    ],
)
def test_scales_scores_and_account_words_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi its nurse deb at mt blue middle again re: the 8th grader", "mt blue middle"),
        ("kids at bad axe middle call him tic kid now", "bad axe middle"),
        ("hasn't made one friend at northeast middle. sleeping til 2pm", "northeast middle"),
        ("They pray at Muslim Community Center on Elston Avenue", "Muslim Community Center"),
        ("Family prays at Abubakr Islamic Center in Tukwila.", "Abubakr Islamic Center"),
        ("school nurse at Washington Irving Elementary (WIE). He is at WIE daily", "WIE"),
        ("won't leave his room. Temple (Chua Tu Bi) monk has offered to talk", "Chua Tu Bi"),
        ("I'm the school counselor at IS 61 on Staten Island", "IS 61"),
    ],
)
def test_schools_typed_short_places_of_worship_and_short_forms_block(
    text: str, expected: str
) -> None:
    assert (expected, "school") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "at clinical high risk; at his old middle school; went to the new middle",
        "1. Child and Family Team (CFT) meetings: the county must hold one",
        "a Muslim family; seen at Baptist Medical Center",
    ],
)
def test_phrases_programs_and_hospitals_are_no_schools(text: str) -> None:
    assert [f.text for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3. Mathis, D'Andre - 12 - f/u 4. Yazzie, Ahiga - 15 - SI screen", "Yazzie, Ahiga"),
        ("EHR banner: Thunderchild, Rosebud J.  |  F  |  14 y  |  MRN", "Thunderchild, Rosebud J."),
        ('Others in the home: Tatum 10, "Boo" 5 (real name Tiyana), and a cousin', "Boo"),
        ('"Bubba" (real name Ricky, 10) and "Tink" (Kaleb, 7). Their sister', "Tink"),
        ('Mom says "Tavi" (his cousin Tavita Fonoti) is the one', "Tavi"),
        ("Consult: 15F, Winyan - i presented her in march.", "Winyan"),
        ('quick one: 3 yo, "Dieumerci", biting at daycare', "Dieumerci"),
        ("family meetings include his aunty Losa and grandma", "Losa"),
        ("a meeting with Principal Dahl and the school social worker", "Principal Dahl"),
        ("To: Wenona Goggleye\nSubject: Re: Ogimaa\nBoozhoo Wenona,", "Ogimaa"),
        ("Subject: Bea and Bel\nDr. Fielding, the girls' separation", "Bel"),
    ],
)
def test_names_in_lists_banners_nicknames_titles_and_subject_lines_block(
    text: str, expected: str
) -> None:
    assert (expected, "name") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        'she said "fine" 3 times; pressed "blues" 3-4x/week',
        "14 F, Osage, from the north end; 14 yo, White, cis male; 9 yo, Tourette, tics",
        "Principal Diagnosis: ADHD. The school psych, principal. Meeting ran long",
        "Subject: Referral\nSubject: Medication question",
    ],
)
def test_look_alikes_of_lists_titles_and_subject_lines_pass(text: str) -> None:
    assert [f.text for f in scan(text) if f.kind == "name"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He's back with us at Crossroads Elementary tomorrow",
            ("Crossroads Elementary", "school"),
        ),
        ("Walgreens: Your Rx is ready. Rx for LEVI is ready for pickup.", ("LEVI", "name")),
        ("Libre 3 sensors for JOSIAH WREN - prior auth needed.", ("JOSIAH WREN", "name")),
        ("Member: JONAH R. FEIKEMA Member ID: on file", ("JONAH R. FEIKEMA", "name")),
        ("we received the referral for Tanner Lisowski but need", ("Tanner Lisowski", "name")),
        (
            '"Bonjou dokt\u00e8, se Manoucheka. Djimy pa vle manje ank\u00f2.',
            ("Manoucheka", "name"),
        ),
        ("Hola doctora, soy Yesenia, la mam\u00e1 de", ("Yesenia", "name")),
    ],
)
def test_schools_names_in_capitals_eponyms_before_a_surname_and_greetings_abroad_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "the Upper Elementary classroom; Early Elementary years",
        "I gave them NAMI Family-to-Family and the CHADD handout; RUBI parent training",
        "Tanner Stage 2; Tanner 3 breasts; Conners Parent form",
        "Buenos d\u00edas, soy la abuela",
    ],
)
def test_stages_programs_and_eponyms_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thx for the recs on JM, mom agreed to try sertraline 25", ("JM", "initials")),
        ("coord@example.org - confirmed to present TJ", ("TJ", "initials")),
        ("Tanner is back - the 8yo we presented in Jan.", ("Tanner", "name")),
        ("gracie again - she's 9 now, mom says teacher", ("gracie", "name")),
        ("poor sleep). Shandiin is back in school 4 days a week now", ("Shandiin", "name")),
        ("Hi Dr. Petrossian, Lucine had another meltdown at school", ("Lucine", "name")),
    ],
)
def test_initials_a_message_is_about_and_children_followed_up_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "talked about CBT today; present SI.; re: ADHD meds",
        "PT ALSO UPDATE ON POC. See flow sheet re: NS.",
        "Joy is back - mom's words. Summer is back. School is back in session.",
        "6 yo, Faith-based daycare kicked him out, PPSC 14",
    ],
)
def test_programs_words_and_kinds_of_daycare_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives w aunt on school nights on Calle Arroyo. Disclosed", ("Calle Arroyo", "address")),
        ("vive en la Calle Morelos con su t\u00eda", ("Calle Morelos", "address")),
        ("Contact: 1460 Old Rt 33, Pomeroy, OH", ("Old Rt 33", "address")),
        (
            "The family's church, Kalanikoa Congregational, is involved",
            ("Kalanikoa Congregational", "school"),
        ),
        ("the waitlist is 6 wks. -EV", ("EV", "initials")),
        ("THANK YOU FOR TALKING ME THRU IT. -WK", ("WK", "initials")),
    ],
)
def test_streets_without_numbers_churches_and_signed_initials_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Rt 2 lung field clear",
        "Attends public elementary, 3rd grade, IEP for speech",
        "our school has no counselor, I'm the nurse, so this lands on me",
        'the case of the 16 yo with "Frank psychosis" vs substance-induced',
        "crosses daily from Nogales, Sonora to attend school; best part is Art class",
        "Hi Doc, since the visit she is better. See you - OK",
    ],
)
def test_sides_kinds_of_school_pronouns_and_words_before_what_they_describe_pass(
    text: str,
) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("front desk at the valle verde SBHC + I coach JV volleyball", ("valle verde", "school")),
        ("their pastor at Living Waters told her to pray over it", ("Living Waters", "school")),
        ("quit youth group at Holy Redeemer, PHQ-A 19", ("Holy Redeemer", "school")),
        ("since the Ridgeline Rams lost the regional final", ("Ridgeline Rams", "school")),
        (
            "first chair violin in the Tri-Valley Youth Symphony",
            ("Tri-Valley Youth Symphony", "school"),
        ),
        (
            "(the 7 yo from Cane Creek elementary with the fire-setting)",
            ("Cane Creek elementary", "school"),
        ),
        ("Following up on Faith (the 8th grader with restrictive eating)", ("Faith", "name")),
        ("update on winter (the 4th grader at pleasant ridge)", ("winter", "name")),
        ('case: 16 yo F (Rosalind, "Roz"), junior at the academy', ("Roz", "name")),
        ('student "Peanut" \u2014 real name withheld \u2014 12', ("Peanut", "name")),
        ("team, tater (that's what everyone calls him)", ("tater", "name")),
        ("Care coordination log (hub referral): 1/8 LVM for dad", ("1/8", "date")),
        ("searches logged in under mfarrow27 from the library", ("mfarrow27", "social_handle")),
    ],
)
def test_schools_by_who_works_there_teams_nicknames_and_logs_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "She works as a nurse at Mercy, the kids are fine",
        "watched the Golden State Warriors and the Tennessee Titans",
        "8 yo boy, 2nd grade, goes by his middle name; the boy (real name withheld)",
        "1/2 tab at night; logged in as admin today",
        "He is in early elementary; The elementary school",
    ],
)
def test_hospitals_professional_teams_and_fields_are_no_schools_or_names(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    "text",
    [
        "and to Bill 96127 for each instrument; I'll Mark it as a win",
        "To the Court: Your Honor, I am the physician",
        "Presentaci\u00f3n de caso / Case presentation - bilingual practice",
        "letter language that has worked for Nevada Medicaid for a device",
        "Letter for Youth Court; To the Court and the Superior Court counselor",
        "Mom is worried and has read about FBT; parent training (RUBI)",
        "The teen asked to return to Summer swim team practice in two weeks",
        "an interpreter (Dinka); connection log: interpreter (Dari) joined",
        "Family vehicle on file: 2016 Honda Odyssey",
        "To the 504 Coordinator / Student Support Team:",
        "30 mg at 7 am. Good school response: teacher Vanderbilt 2/9",
        "M-CHAT-R at 18 months was 12/20 but family was lost to follow up",
    ],
)
def test_long_letters_words_that_look_like_identifiers_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_score_word_does_not_hide_an_appointments_date() -> None:
    assert ("12/20", "date") in [(f.text, f.kind) for f in scan("PHQ-9 today. Last appt was 12/20")]


@pytest.mark.parametrize(
    "text",
    [
        "Case presentation - Lowcountry family practice",
        "She came from Haiti at 11; nana says the Lord will handle it",
        "quick q from the athletic trainer: the linebacker (LB, 17) committed",
        "evaluation - 3/5. useful but I came for the school refusal part",
    ],
)
def test_regions_countries_positions_and_ratings_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_name_before_a_country_is_still_a_name() -> None:
    # "Haiti" and "the Lord" pass; the child's unusual first name does not.
    text = "Widlene came from Haiti at 11; nana says the Lord will handle it"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == [("Widlene", "name")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have consent from S.F. and his mother to present.", ("S.F.", "initials")),
        ("For the consult line: Saw B.M. with his grandmother.", ("B.M.", "initials")),
        ("A.C. consents; grandmother consents.", ("A.C.", "initials")),
        ("How fast can T.B. return to running competitively", ("T.B.", "initials")),
        ("his great-grandmother, who is 95, lives on the farm", ("95", "age_over_89")),
        ('"Hello doctor, this is Irina, mother of Kolya. Since the hospital', ("Kolya", "name")),
        ("therapy with the youth services (intake 1/22 at 10 am).", ("1/22", "date")),
    ],
)
def test_initials_by_what_a_person_does_great_grandparents_parents_of_and_intakes_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "the NP is seen as the lead; D.C. is far from here",
        "the bed, which is 95 cm; mother of twins; the Mother of God",
        "takes 1/2 tab in AM and 1/2 at 3 pm",
    ],
)
def test_abbreviations_measures_and_half_tablets_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_local_number_asked_to_be_called_a_few_words_on_blocks() -> None:
    found = scan("can someone call me back re the boy before 3? 555-0139")
    assert ("555-0139", "phone") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "thanks to whoever brought up Summer bridge programs for kids",
        "Working with scrupulosity in Faith communities respectfully",
        'she said "Summer placement" and "kinship home" and never a name',
        "Hope we can revisit sleep hygiene in Spring.",
    ],
)
def test_names_that_are_words_before_a_noun_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_name_that_is_a_word_before_what_the_child_does_still_blocks() -> None:
    found = scan("we took Hope home; Summer said the new school is fine")
    assert ("Summer", "name") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("or wait for therapy to get going? -wh", ("wh", "initials")),
        ("Pharmacy needs it for the sertraline. \u2014 MQ, RN", ("MQ", "initials")),
        ("Can the hub help us with a village-wide plan? \u2014 I.S.", ("I.S.", "initials")),
        ("came in today saying Hope posted a goodbye msg on snap", ("Hope", "name")),
        ("Hope has been back at school since the 4th", ("Hope", "name")),
        ("Precious has not spoken at school since 2nd grade", ("Precious", "name")),
        ("Genesis turned 14 at the shelter", ("Genesis", "name")),
        (
            "still up at 2 a.m. on Xbox (gamertag BmoreDeuce410) and",
            ("BmoreDeuce410", "social_handle"),
        ),
        ("FYI pt from last wk (DR, E4468215) readmitted", ("DR", "initials")),
    ],
)
def test_signed_initials_children_by_what_they_did_and_gamertags_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "see you - thx; Summer has not been easy",
        "one adolescent with Long QT in the family history",
        "on buprenorphine-naloxone 8/2. UDS clean x2",
        "Dear Team,  I have been the pediatrician since birth",
    ],
)
def test_words_verbs_strengths_and_greetings_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SAFETY PLAN Case #: 2025-CS-003318 Date: Jan-31-2025 Children:", ("Jan-31-2025", "date")),
        (
            "To the ARD committee: \u00c1ngel has post-traumatic stress disorder",
            ("\u00c1ngel", "name"),
        ),
        ("La maestra Ocampo dice que no habla nada en clase.", ("maestra Ocampo", "name")),
        ("Follow up on R.T. (presented Oct 8): lithium level 0.7", ("R.T.", "initials")),
        ("Follow-up on KW, one of the 10 yo triplets", ("KW", "initials")),
    ],
)
def test_dates_month_first_accented_names_spanish_titles_and_initials_followed_up_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "I'm free 12-1 MT on Thursdays, 7:30-8 am otherwise",
        "pls hold my case till the 2nd slot if ok",
        "She told me Joy and Sadness (the Inside Out characters) are her favorites",
        "a teen using Delta-8 from the gas station; a black Ford F-150",
        "follow up on ADHD meds; follow up on U.S. policy",
    ],
)
def test_weekdays_slots_characters_products_and_acronyms_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    "text",
    [
        "(streams as LunaKnightPlays, twitch.example.tv/lunaknightplays). She",
        "the story was posted at example.news/2024/boy-saves today",
    ],
)
def test_links_on_any_common_domain_with_a_path_block(text: str) -> None:
    assert "url" in [f.kind for f in scan(text) if f.severity == "block"]


def test_notes_with_dots_and_slashes_are_no_links() -> None:
    text = "pcwp 11.co/ci adequate; stable.nitro/aggrestat gtt; 0.3MG.KG/HR; dose 0.5 mg/kg/day"
    assert [f.text for f in scan(text) if f.kind == "url"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She quit the Knott Central team, says people only liked her",
            ("Knott Central", "school"),
        ),
        ("scheduled in the PVMS conference room", ("PVMS", "school")),
        (
            "only nurse for 3 buildings in Dunmore Falls CSD; the format",
            ("Dunmore Falls CSD", "school"),
        ),
        ("Patient: Many Horses, Jordan   Acct: on file", ("Many Horses, Jordan", "name")),
        ("0.25 mg BID starting 4/7 per prescriber", ("4/7", "date")),
        ("- E. and Caleb now sharing a room; E. reports less mad", ("E.", "initials")),
        ("no signal at the clinic \u2014 WS (the bronc rider) called me", ("WS", "initials")),
        ("wanda here \u2014 Jordan (the d/c summary I sent) no-showed", ("Jordan", "name")),
    ],
)
def test_school_teams_fields_surname_first_and_people_explained_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "the Upper Middle team; visits at the DHHS office",
        "Patient: XXXXX, XXXXX   DOB: XX/XX/XXXX; Family: Supportive, Engaged",
        "Small-town family doc. BASC-3 Teacher: Externalizing 68, Internalizing 79",
        "low vitamin D. Has been tired; strep A. was negative",
        "first time hes ever talked about wanting to die",
    ],
)
def test_stages_agencies_placeholders_and_scales_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 yo boy brantley up Bearpen Holler outside Hindman", ("Bearpen Holler", "address")),
        ("lives at the end of KY 1087 where the pavement stops", ("KY 1087", "address")),
        (
            "grades fell from A/B to failing at Letcher Central. Meds: none",
            ("Letcher Central", "school"),
        ),
        ("- KB 14 f anxiety, sertraline 75 - TW 16 m self harm", ("TW", "initials")),
        ("Prolactin 41. Mom, R.T., called the crisis line twice", ("R.T.", "initials")),
        ("punkin (real name Aubree), 7. mom od'd jan 3, aubree found her.", ("aubree", "name")),
    ],
)
def test_hollows_state_roads_central_schools_listed_initials_and_names_again_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "paced at 80, periods of SR 90's; scored up to US 20 percent",
        "Would PCIT-SM (the selective mutism adaptation) be available",
        "Pego el resumen de ALTA; seguimiento en los primeros 30 d\u00edas despu\u00e9s del alta",
        "at Grand Central today; - BP 110 mm",
    ],
)
def test_rhythms_programs_spanish_words_and_stations_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Dev: walked 13 mo, first words 18 mo; the bedtime pass (the hub's idea from Spring)",
        "she is in Choir, Art and Youth Group; He says there's no Joy in anything",
        "We see many Hmong and Karen families; Burmese and Karen interpreters",
        "Viet family in Alief; Sudanese family; Iraqi, Shia family; Hazara family",
        "La mam\u00e1 tiene una estampita de la Virgen de Guadalupe en la mochila",
        "la \u00faltima vez que se cort\u00f3 fue el lunes",
    ],
)
def test_fields_seasons_subjects_peoples_and_faith_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_hmong_given_name_that_is_also_a_word_elsewhere_still_blocks() -> None:
    found = scan("Older sibs: Kou 17, Txawj 14, Nou 12, Yer 9.")
    assert ("Nou", "name") in [(f.text, f.kind) for f in found]


_UK_MARCH_12 = "12 \u0431\u0435\u0440\u0435\u0437\u043d\u044f"  # "12 March" in Ukrainian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Miami, FL 3 f\u00e9vrier 2025 Objet : Kervens", ("3 f\u00e9vrier 2025", "date")),
        (
            f"my daughter has not slept since {_UK_MARCH_12}, when we learned",
            (_UK_MARCH_12, "date"),
        ),
        (
            "her tazkira lists her birthday as 15 Hamal 1387; her US papers",
            ("15 Hamal 1387", "date"),
        ),
        (
            "on the intake form as \u0661\u0665/\u0663/\u0662\u0660\u0662\u0664 (the day)",
            ("\u0661\u0665/\u0663/\u0662\u0660\u0662\u0664", "date"),
        ),
        ("A-Number: A 209 447 116 Your case is scheduled", ("A 209 447 116", "license")),
        ("won't refill without the last 4 of her ssn (9921) and DOB", ("9921", "ssn")),
        (
            "Jean-Robert Pierre-Louis is dad; he hosts the radio show",
            ("Jean-Robert Pierre-Louis", "name"),
        ),
    ],
)
def test_dates_abroad_immigration_numbers_ssn_digits_and_parents_named_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_months_alone_and_weeks_pass() -> None:
    text = "5 mars; 1 hut; the last 4 weeks of 2023; The Good News is mom agreed"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_child_followed_up_then_said_to_be_the_age_blocks() -> None:
    found = scan("Follow-up on Summer, the 8yo with ODD + ADHD I presented in June")
    assert ("Summer", "name") in [(f.text, f.kind) for f in found]


def test_a_visits_billing_code_and_a_specialty_pass() -> None:
    text = "Age: 10y 4m  Sex: F  Encounter: 99214  Dx: F90.2. Audiology says he's fine"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    "text",
    [
        "3) More cases from Early Head Start please. 4) Start on time, 12:00 sharp",
        "She says \"I'm lowkey fine until I'm not.\" Mom is a nurse",
        "temperament (easy, slow-to-warm, difficult per Thomas and Chess)",
        "Bristol type 1-2; 14 yo T1D on a Dexcom G7 and an Omnipod",
        "MI re: THC; f/u 4 wk",
    ],
)
def test_programs_slang_theorists_devices_and_substances_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the officer kept reading the plate back, RMT 4482, like they", ("RMT 4482", "vehicle")),
        ("stopped at the gate when the tags, GA TKL9903, flagged", ("GA TKL9903", "vehicle")),
        ("include the tablet serial in the ticket, DMPX7Q2K1HLF, so", ("DMPX7Q2K1HLF", "device")),
    ],
)
def test_plates_and_serials_a_few_words_after_their_word_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, and Happy Friday to the hub. 6th grade, likes Art and basketball.",
        "Fort Redmond Middle School (DoDEA) plan; Mother is active duty too (MP)",
        "the plate said 3 of 4; tags BP 120/80; his plate at lunch, ate 2 of 3",
    ],
)
def test_greetings_subjects_school_systems_and_plates_of_food_pass(text: str) -> None:
    assert [
        (f.text, f.kind) for f in scan(text) if f.severity == "block" and f.kind != "school"
    ] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("just want to make sure I can present the Okafor case next week", ("Okafor", "name")),
        ("quick follow-up on J.R. 556120 (10, IEP question)", ("556120", "mrn")),
    ],
)
def test_a_family_s_case_and_a_number_after_initials_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_a_payer_s_or_a_hard_case_passes() -> None:
    assert [f.text for f in scan("the Medicaid case; the Complex case") if f.kind == "name"] == []


@pytest.mark.parametrize(
    "text",
    [
        "grades are back to B's and C's. BP 118/74",
        "No injuries. Plays travel volleyball, setter.",
        "Not sure this is the right forum, but: the American Academy of Pediatrics agrees",
    ],
)
def test_grades_verbs_and_professional_bodies_are_no_schools(text: str) -> None:
    assert [f.text for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sully update (the 12 yo with hoarding from the hills)", ("Sully", "name")),
        ("Tee-Boy (real name withheld, 12) from Breaux Bridge", ("Tee-Boy", "name")),
        ("T.B. (00731245) from the ranch, 13 yo", ("T.B.", "initials")),
        ("txt from the road: 5yo LM screaming fits 2 hrs", ("LM", "initials")),
        ("Seen for f/u \u2013 DR doing better, no more aggression", ("DR", "initials")),
        ("asking for pictures, and Chidi (the one with the language delay)", ("Chidi", "name")),
        ("teachers mix them up. Ivy (our patient) is the one with ADHD", ("Ivy", "name")),
    ],
)
def test_children_explained_nicknames_and_initials_by_what_they_do_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_links_on_the_names_kept_for_examples_block() -> None:
    found = scan("the story ran at localnews.example/2024/boy-hero last week")
    assert ("localnews.example/2024/boy-hero", "url") in [(f.text, f.kind) for f in found]


def test_words_before_ran_or_slept_are_no_names() -> None:
    text = "the story ran long; the baby slept well"
    assert [f.text for f in scan(text) if f.kind == "name"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "of Xavier, a juvenile. Cause No. 24-8-00731-39  To the provider",
            ("24-8-00731-39", "account"),
        ),
        ("In re: a minor child. Case No. 24 JC 0519  JUDGMENT ENTRY", ("24 JC 0519", "account")),
        (
            "PA request PA-2025-0418837 for guanfacine ER 2 mg: DENIED",
            ("PA-2025-0418837", "account"),
        ),
        ("Follow-up: Valley Youth Counseling intake 10/17; PCP within 7 days.", ("10/17", "date")),
        ("the fetal alcohol case. OCS took custody 1/6. new foster mom", ("1/6", "date")),
        ("Background: JR has come to the health office 41 times", ("JR", "initials")),
    ],
)
def test_case_numbers_intake_and_custody_dates_and_initials_that_come_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_litem_mark_up_and_vital_sign_ranges_pass() -> None:
    text = "a Guardian ad Litem asks; Mark-up of draft IEPs; HR-110-133; Case No. 5"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_name_before_a_hyphen_that_makes_no_word_still_blocks() -> None:
    found = scan("SOCIAL-phone call from son Rob-who states he will visit")
    assert ("Rob", "name") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Haitian Creole only. Patient Woodly, 6, called at home.", ("Woodly", "name")),
        ("it started after his brothers Jhon and Wilner were sent back", ("Wilner", "name")),
        ('please call. -Dee" Dee is mom of Marcus 10. DMDD', ("Marcus", "name")),
        ("he stays with tante Rosemène weekdays", ("Rosemène", "name")),
        ('Dmytro Kovalenko ("Dima"), 11, arrived in March', ("Dmytro Kovalenko", "name")),
        ('Darnell Wise Jr. ("Deuce"), 12, raised by his great-grandmother', ("Deuce", "name")),
        ("for my case (the R.T. kid). Wish we'd had more time", ("R.T.", "initials")),
        ("DW is the pt - THC daily, CRAFFT 5", ("DW", "initials")),
        ("Case #3 (KN/16/F): refusing food", ("KN", "initials")),
        ("Re: your case JB \u2014 pasting the hub reply here", ("JB", "initials")),
        ("finally agreed to the referral. kid dj 6 with the fire setting.", ("dj", "initials")),
        ("Goes to Harding, grades dropping.", ("Harding", "school")),
        ("transferred from Jefferson to Roosevelt after being jumped", ("Roosevelt", "school")),
        ("Attends Pioneer newcomer class. Stopped eating", ("Pioneer", "school")),
        ("REASON: FIRE SETTING X2 SCHOOL: WAPATO MIDDLE", ("WAPATO MIDDLE", "school")),
        ("School is Sedalia Elem. Mom works nights", ("Sedalia Elem", "school")),
        ("moved to our school sunset ridge ms last wk", ("sunset ridge ms", "school")),
        ("Runs cross country for Greyhills. Cousin attempted", ("Greyhills", "school")),
        ("ER f/u: seen at St. Vincent 2/2 for OD", ("2/2", "date")),
        ("Admit 4/7 via ED after found unresponsive. Medically cleared 4/9", ("4/9", "date")),
        ("Hodan waxay bilowday inay is-gooyso 15 Sebtembar.", ("15 Sebtembar", "date")),
        ("Wiilkaaga waa in la keenaa Isniinta 16-ka Maarso", ("16-ka Maarso", "date")),
        ("o Thiago foi suspenso de novo dia 22 de março.", ("22 de março", "date")),
        ('"ابني لا ينام منذ ١٢ نوفمبر"', ("١٢ نوفمبر", "date")),
        ('"هو ولد في ٣ أيار ٢٠١٢" born then', ("٣ أيار ٢٠١٢", "date")),
        ("Bà ngoại (91 tuổi) is the main caregiver", ("91 tuổi", "age_over_89")),
        ("Granmè gen 97 an, li toujou ap okipe timoun yo.", ("97 an", "age_over_89")),
        ("D.O.B: 02.09.2013 SS#: 412 - 66 - 0931 Guardian: mother", ("412 - 66 - 0931", "ssn")),
        ("verified w/ mom: SSN ends in 6621, DOB on file", ("6621", "ssn")),
        (
            "send recs to fax 555 \u2022 019 \u2022 7732 please",
            ("555 \u2022 019 \u2022 7732", "fax"),
        ),
        ("the last four of his medicaid are 4471 if needed", ("4471", "health_plan")),
        ("records for case no. CINA 21-0417 in the county", ("CINA 21-0417", "account")),
        ("through cashapp ($TashaG4Kids) for his therapy", ("$TashaG4Kids", "social_handle")),
    ],
)
def test_sixty_fifth_to_sixty_eighth_sets_shapes_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("now in a rental in pigeon forge. Panic attacks", "pigeon forge"),
        ("We're in new ulm at the elementary school.", "new ulm"),
        ("a therapist in great falls by telehealth", "great falls"),
        ("now lives w/ an aunt in iowa city. Depressed", "iowa city"),
    ],
)
def test_towns_of_several_words_typed_in_lower_case_warn(text: str, town: str) -> None:
    assert (town, "city", "warn") in [(f.text, f.kind, f.severity) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "three teens in the village died; faith leaders in our town helped; en el campo",
        "she is in high school and in good health",
        "Dad is Frank about not wanting antipsychotics.",
        "Please keep the Friday 12-1 slot.",
        "collaborative problem solving (Ross Greene's stuff) helped",
        "se la pasa en tiktok hasta las 3am",
        "she makes 90 an hour; he scored 95 an excellent score",
        "she may be starting a medication for ADHD; he plays for Texas; plays with Legos",
        "he goes to Court on Monday and goes to Church",
        "Mãe mandou uma mensagem. Cháu sợ bị mập.",
        "pt hct 23 this am; copay is $25",
        "Transferred to Brookhaven Behavioral for inpatient; the case no 3 was better",
        "school avoidance subscales high",
    ],
)
def test_sixty_fifth_to_sixty_eighth_sets_look_alikes_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("out by dilley, 16 yo boy, released from detention", "dilley"),
        (
            "Child age: 12 Sex: M County: Tallahatchie Presenting problem: aggression",
            "Tallahatchie",
        ),
        ("Address: 7740 SE Foster Rd City: Great Falls State: MT", "Great Falls"),
    ],
)
def test_towns_out_by_and_in_a_forms_place_field_warn(text: str, town: str) -> None:
    assert (town, "city") in [(f.text, f.kind) for f in scan(text)]


def test_a_place_field_left_unknown_is_no_town() -> None:
    assert [f.text for f in scan("City: Unknown. Town: N/A.") if f.kind == "city"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quick q - will from the tuesday case (10 yo, ODD) dad says", ("will", "name")),
        ("Bear (little brother of the girl presented Thursday)", ("Bear", "name")),
        ("Ace - no-showed again. 3rd missed appt.", ("Ace", "name")),
        ("F/U KW: lithium level 0.8, TSH normal", ("KW", "initials")),
        ("FAITH WAS SEEN IN THE ED AT BAPTIST SOUTH ON 12/26", ("FAITH", "name")),
        ("CALLING ABOUT JOURNEY AGAIN. MOM CAN BE REACHED AFTER 5", ("JOURNEY", "name")),
        ("DJ update: back at school half days", ("DJ", "initials")),
        ("RJ - mom brought the new Medicaid card", ("RJ", "initials")),
        ("Deuce's mom works nights at the store", ("Deuce", "name")),
        ("f/u: Hunter restarted Strattera 25 after the hub call", ("Hunter", "name")),
    ],
)
def test_the_child_a_short_message_is_about_blocks(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Sleep - better. Mom - still worried. Zoloft started. Update - mom called",
        "Joy is back - mom's words. Sertraline 50 mg, PHQ-A 6.",
        "Today's mom group went well. Plan: f/u 2 wks. Everyone's dad came.",
        "FQHC update: the new counselor starts. SBHC again: closed for break.",
        "pls update chart. ok to send home w f/u tmrw?",
    ],
)
def test_message_openings_that_name_nobody_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_the_town_after_a_child_named_with_the_age_warns() -> None:
    found = scan("15yo Aiden Jack, Hoonah. Seen at the regional hospital")
    assert ("Hoonah", "city") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Los hermanos en el pueblo, el padre trabaja en Florida.",
        "hey, 16yo g, Snapchat sextortion, paid ~$300 in gift cards",
        "15yo, Juul pods daily, 1 pod/day",
    ],
)
def test_states_harms_and_vape_brands_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Online access: https://court.example.gov/hearings/24-7-00612-32 He's 9",
            ("https://court.example.gov/hearings/24-7-00612-32", "url"),
        ),
        ("mom is at the county jail til may 2. he had a visit 3/1", ("may 2", "date")),
        ("Autism Services in billings set for march 20. mom", ("march 20", "date")),
        ("Pt Brayden Kowalczyk 9M 0081447219, attends the elementary", ("0081447219", "mrn")),
        ("Mrs. Brown, grandmother of Isaiah (7), 00937125, called", ("00937125", "mrn")),
        ("Re: Alvarez, Sebastián (440118) - school refusal", ("440118", "mrn")),
        ("consult request: Pt: D.M., 13 M, KF30417 Address: on file", ("KF30417", "mrn")),
        ("Patient: Haugen, Sigrid Clinic #: 8-447-219 Admission", ("8-447-219", "mrn")),
        ("quick q - 15yo boy Tanner Kjelstad, ranch kid", ("Tanner Kjelstad", "name")),
        ("dana again from the prairie clinic. Tanner update: prazosin 1 mg", ("Tanner", "name")),
    ],
)
def test_sixty_ninth_to_seventy_second_sets_shapes_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "see https://www.cdc.gov/mmwr/volumes/71/wr/mm7104a1.htm",
        "and pubmed.ncbi.nlm.nih.gov/31234567 for the trial",
        "we may 2 times a day fix it; on may 3 occasions",
        "he is 9M 150000 platelets; 14 yo 12 mg",
        "Criteria cited: plan policy RX-ADHD-014; plan policy MH-112 rev 2024",
        "In-home services (IICAPS), H2033-HA, 5 months.",
        "Screens PSC-17 24 (ext 9), SCARED 31",
        "procedural safeguards notice (IDEA 2004, 20 U.S.C. 1415).",
        "Can we do the follow-up on Teams? Link from our IT is below.",
        "Vanderbilt update: scores improved. Zoloft update: tolerating.",
    ],
)
def test_sixty_ninth_to_seventy_second_sets_look_alikes_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 10:00 a.m., 1060 Harrison Rd, Colorado Springs.", ("1060 Harrison Rd", "address")),
        ("Kekoa, 14. 91-1021 Kaileolea Dr, Ewa Beach.", ("91-1021 Kaileolea Dr", "address")),
    ],
)
def test_addresses_before_a_city_named_for_a_state_and_hawaii_numbers_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_a_sentence_that_opens_with_a_drug_started_passes() -> None:
    text = "BP see flow. Captopril started and tolerated. OOB again today. Ptient again treated."
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pt 4yo Rylee, MT-88120, Sidney", ("Rylee", "name")),
        ("Age 10, female, Maka, PR-3300871, from the village", ("Maka", "name")),
        ("again, re: S.F. the 12yo Tongan girl. started fluoxetine", ("S.F.", "initials")),
        ("coordination log, typed between calls: 3/3 LM for bio mom", ("3/3", "date")),
    ],
)
def test_names_before_record_numbers_and_log_dates_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_drug_codes_with_their_label_pass() -> None:
    text = "Sertraline, NDC-0093123 and NDC# 00093712656 and NDC: 0093-7146-56"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("referral list: 1. Harper Lowe 611204, 9, Cody - SI", "611204"),
        ("Resident, presenting pt JMR 3309182, 11, from town", "3309182"),
        ("Jaden Morales 4471-0092-3 7 yo ASD lvl 2", "4471-0092-3"),
        ("9 yo Wesley 3390-118, encopresis and anxiety", "3390-118"),
        ("kid is jose luis ramirez, our number 0078823, 6yo", "0078823"),
    ],
)
def test_record_numbers_between_name_and_age_block(text: str, number: str) -> None:
    assert (number, "mrn") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_ventilator_and_vital_ranges_after_a_word_pass() -> None:
    text = "ventilated - AC, FiO2 65, TV 670-700, RR22. CV- HR 110-139, 9 yo"
    assert [f.text for f in scan(text) if f.kind == "mrn"] == []


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("kennedy 11 yo, St. Pius 5th grade, abrupt onset OCD", "St. Pius"),
        ("student Brooklyn Hayes (Hillcrest 8th grade) — mom's insta", "Hillcrest"),
        ("12yo Finn. Oakwood 7th grade.", "Oakwood"),
        ("All three at MLK K-8. Legend has enuresis", "MLK"),
        ("They go to St. Mary's and the school wants both on meds.", "St. Mary's"),
    ],
)
def test_schools_named_before_the_grade_or_gone_to_block(text: str, school: str) -> None:
    assert (school, "school") in [(f.text, f.kind) for f in scan(text)]


def test_subjects_children_and_possessives_before_a_grade_are_no_schools() -> None:
    text = (
        "Math 7th grade level; Reading 3rd grade; Tristan's 4th grade teacher; she is in 5th grade"
    )
    assert [f.text for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Boys & Girls Club after school 3-5 daily, Big Brothers Big Sisters match started.",
        "Blue Cross denied the prior auth again. Special Olympics swim on Saturdays.",
        "Sierra Club hiking group on weekends. Jordan 4s are all he talks about.",
        "Grace Kelly movies with grandma. Will's Law was mentioned during the talk.",
        "Kennedy-era school building with no AC. Lincoln Logs and Legos.",
    ],
)
def test_national_programs_products_and_laws_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_local_club_of_a_national_program_still_blocks() -> None:
    found = scan("He goes to the Westside Boys & Girls Club after school")
    assert ("Westside Boys & Girls Club", "school") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "Kennedy-era school building with no AC, he overheats and melts down",
        "Any transition resources (gottransition.org)? Dexcom Clarity shows gaps in wear.",
        "Nephrology wants to taper slowly. Rome IV criteria met.",
        "UC again. Saw her at urgent care yesterday.",
    ],
)
def test_services_criteria_and_public_resources_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("13yo M, hunter, referred by the counselor", "hunter"),
        ("have a 6 yo girl grace w/ selective mutism, talks at home", "grace"),
        ("Household: mom, stepdad, brother chase (16), sister in 3rd grade", "chase"),
        ("9 yo paisley, PANDAS-like sx, mom asking for abx", "paisley"),
    ],
)
def test_word_given_names_set_off_after_the_age_or_with_it_block(text: str, name: str) -> None:
    assert (name, "name") in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_words_set_off_after_the_age_that_are_no_given_names_pass() -> None:
    text = "15 F, anxious, PHQ 12. 9 yo boy, angry, hits. 14 yo, summer camp"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("called the school. Eastview counselor sent her to us same day.", "Eastview"),
        ("Attendance from the Hillcrest portal shows 12 absences", "Hillcrest"),
        ("At Northside the teachers won't use the name.", "Northside"),
        ("Mason 16, football at North, QB who made the playoffs", "North"),
        ("sib 15 was at Westside but got sent to the alternative school", "Westside"),
    ],
)
def test_schools_named_bare_before_staff_or_by_side_of_town_block(text: str, school: str) -> None:
    assert (school, "school") in [(f.text, f.kind) for f in scan(text)]


def test_kinds_of_counselors_and_teachers_and_directions_pass() -> None:
    text = (
        "The Family counselor; Grief counselor; camp counselor; Band teachers; Daycare teacher;"
        " Vice principal. We drove North today. The storm came from the South."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("17 YO M SENIOR AT EHS, VARSITY QB, 2 CONCUSSIONS THIS SEASON", "EHS"),
        ("STUDENT DOB ON FILE GR 8 NWMS - SEEN IN HEALTH OFFICE", "NWMS"),
        ("17 yo F, senior, DCHS (plays basketball)", "DCHS"),
        ("OLPH 5th grader, 10. Nun at school noticed", "OLPH"),
        ("Pt is 14, Central 8th grader. Seen today", "Central"),
        ("woodland hills 7th grade. suspended for sending pictures", "woodland hills"),
        ("Riverside elem 2nd grader, 7, recently moved", "Riverside"),
    ],
)
def test_schools_by_their_letters_and_before_a_grader_block(text: str, school: str) -> None:
    assert (school, "school") in [(f.text, f.kind) for f in scan(text)]


def test_letters_scales_and_words_before_a_grade_are_no_schools() -> None:
    text = (
        "IEP 4th grade goals; ADHD 3rd grade; methylphenidate until 7th grade; EMS took him;"
        " AIMS 0; RHS-15 for mother. PT NODS HEAD TO YES/NO QUESTIONS. SPEC SENT FOR OSMS."
    )
    assert [f.text for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Pt: 16 M, "Tank" to everyone, real name withheld', ("Tank", "name")),
        ('Re the 11yo I presented ("Mo", Mohamed): dad called', ("Mo", "name")),
        ('Benny 16, goes by "B". on probation', ("B", "name")),
        ('DeShawn, 11, "Man-Man". from the delta.', ("Man-Man", "name")),
        ("truck into a ditch on KY-15. No injuries.", ("KY-15", "address")),
        ("lives w/ his lala Gilbert (92 yrs). boy does everything", ("92 yrs", "age_over_89")),
        ("Follow-up on TW 1182093 (presented in Feb): started", ("TW", "initials")),
        ("grandpa brought him. school is Zapata South. tantrums.", ("Zapata South", "school")),
    ],
)
def test_seventy_seventh_to_eightieth_sets_shapes_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        'he said "Fine" and left. scored 12, "Excellent". The "Zones" (a program) help.',
        "School is Monday. school is out. School is Hard.",
        "BMs overnight. ENDO: FS at MN 69. Treated with D50.",
    ],
)
def test_seventy_seventh_to_eightieth_sets_look_alikes_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_record_numbers_label_is_no_initials() -> None:
    found = [(f.text, f.kind) for f in scan("Re MRN 88301457 - the 4 yo with the encopresis")]
    assert found == [("88301457", "mrn")]


def test_streets_named_after_where_something_happened_block() -> None:
    found = scan("in housing on Gorgas Circle. Witnessed a shooting on Kedzie last summer")
    assert [(f.text, f.kind) for f in found] == [
        ("Gorgas Circle", "address"),
        ("Kedzie", "address"),
    ]


def test_adjectives_development_and_crisis_lines_pass() -> None:
    text = (
        'Mom says "he\'s Frank about hating the Army." Dev milestones ok. We share the Crisis'
        " Text Line (741741) too."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_youth_team_after_the_before_its_level_and_sport_blocks() -> None:
    found = scan("The Lady Tigers JV volleyball coach called mom")
    assert ("Lady Tigers", "school") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the garza kid is back. sertraline 50 since jan", ("garza", "name")),
        ("f/u Pham kid: grandma says he's been staying up", ("Pham", "name")),
        ("re the McAllister kid in town - mom wants a second opinion", ("McAllister", "name")),
        ("Re: hub recs for JR - started clonidine 0.1 qhs", ("JR", "initials")),
        ("Dr. Patel - re our call about MB, the EKG came back normal", ("MB", "initials")),
        ("brought him in today. Says TJ is hearing voices", ("TJ", "initials")),
        ("SCHOOL NURSE AT WASHINGTON MIDDLE. STUDENT CAME IN", ("WASHINGTON MIDDLE", "school")),
        ("hi, Meg the school nurse at Fairview. student takes his ritalin", ("Fairview", "school")),
    ],
)
def test_eighty_third_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "Hope everyone had a restful Labor Day. The line is closed on Columbus Day.",
        "Hope I'm not overstepping. We had a question about ADHD, recs for ODD.",
        "the other kid, the new girl, the oldest boy, the hmong family, the foster kids",
        "QUESTION FOR HUB: add a stimulant? Prior pcp said RAD, school says ADHD.",
        "PT SEEN AT THE HIGH. AT NURSING HIGH",
    ],
)
def test_eighty_third_set_look_alikes_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Grade: 9 School: Western International DOB: on file",
            ("Western International", "school"),
        ),
        ("at a teacher at PS 161. we saw him in clinic 2/2. mom called", ("2/2", "date")),
        ("dad drives a log truck. TJ has been huffing gas per dad", ("TJ", "initials")),
        ("is he too old, ECI stops at 3 right. pt EP220981", ("EP220981", "mrn")),
    ],
)
def test_eighty_first_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "DBT skills groups - Confidence before 2/5, after 4/5. Thanks to the panel!",
        "ECG: sinus brady 50, QTc 412. Foster mom says no matches found.",
        "Will is the word she keeps using. Will is a strong word for it.",
    ],
)
def test_eighty_first_set_look_alikes_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("psychiatrist moved the f/u to 3/4 at 3:30. mom will be there", ("3/4", "date")),
        ("quick: DJ the 12yo w/ bipolar from last month, lithium", ("DJ", "initials")),
        ("a girl whose great-grandpère, 97, died last week", ("97", "age_over_89")),
        ("driving it into a ditch on SR 7, said afterward he wanted to die", ("SR 7", "address")),
        ('pasting it: "P.S./M.S. 194 Notice of IEP Meeting', ("P.S./M.S. 194", "school")),
    ],
)
def test_eighty_fourth_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    "text",
    [
        "tribal program Age 14, F, Lakota. Lives with her grandparents.",
        "Mom is Filipina, speaks Ilocano and English. Race/ethnicity: Hispanic.",
        "since Día de los Muertos he won't sleep.",
        "Apaced at 80 periods of SR 90's trace PVC noted",
    ],
)
def test_eighty_second_and_fourth_sets_look_alikes_pass(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("that's the Kowalczyk kid, Stanley aka Stosh. 17, a senior", ("Stosh", "name")),
        ("Dom (Dominic) update: picked up on time, now at home", ("Dom", "name")),
        ("KM - 16 yo - on the cover of the local paper", ("KM", "initials")),
        ("4 yo - daycare Tiny Steps kicked him out for biting", ("Tiny Steps", "school")),
    ],
)
def test_eighty_third_set_names_and_daycares_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_plans_scales_and_services_before_brackets_or_ages_pass() -> None:
    text = (
        "IL Medicaid (Meridian) ID on file. used the Preschool Anxiety Scale: 52. The preschool"
        " Vision Screening. hi from tribal BH - 8yo girl"
    )
    assert [(f.text, f.kind) for f in scan(text) if f.kind in ("name", "school", "initials")] == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Lives in Mangilao (Lot 12, Tract 9215, off Route 15)", "Lot 12, Tract 9215"),
        ("Lives in Dededo (Unit 14, Bldg 3, Chalan Kareta) with", "Unit 14, Bldg 3, Chalan Kareta"),
        ("lives at Bldg 4, Apt 2C, Capodanno Dr on base", "Bldg 4, Apt 2C, Capodanno Dr"),
    ],
)
def test_homes_named_by_lot_building_and_unit_block(text: str, address: str) -> None:
    assert (address, "address") in [(f.text, f.kind) for f in scan(text)]


def test_a_unit_and_a_room_of_a_ward_pass() -> None:
    assert [f.text for f in scan("Unit 4, Room 12 on the ward. Lot 3 of the study.")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since the team weigh-in. Coach Tiff at Southridge posts weights", ("Coach Tiff", "name")),
        ("made the JV team and the coach, Petrakis, agreed to let her skip", ("Petrakis", "name")),
        ("Can someone call me back about JT? He ran out of Vyvanse", ("JT", "initials")),
        ("thank you for letting us present MJ on such short notice.", ("MJ", "initials")),
        ("hey, dj's mom called the consult line again", ("dj", "initials")),
        ("Presented Theo (T.V.) via the consult line on Friday", ("T.V.", "initials")),
    ],
)
def test_eighty_seventh_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_treatments_asked_about_and_titles_before_words_pass() -> None:
    text = "Parents asking about NAC, also about TMS. Principal Diagnosis: ADHD. it's mom's."
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("different kid. 16M, goes by DJ, found w/ a gun in his backpack", ("DJ", "initials")),
        ("FYI re pt AB (11M OCD): fluvoxamine up to 75 bid", ("AB", "initials")),
        ("School is Knott Central period. He is asking for help", ("Knott Central", "school")),
    ],
)
def test_eighty_sixth_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_the_case_a_nation_and_a_make_pass() -> None:
    text = (
        "Can I present next week? Case is an 8yo with emetophobia. 12yo girl, Northern"
        " Cheyenne, lives with grandma. Veh: 2004 Chevy Silverado"
    )
    assert [(f.text, f.kind) for f in scan(text) if f.kind == "name"] == []


def test_payers_peoples_positions_and_aides_pass() -> None:
    text = (
        "wants to try Ozempic he saw on TikTok. Payer is Meridian. Una pregunta: el CATS."
        " Puerto Rican family; 14yo Bangladeshi girl. note re the QB (QB). CHA says he's"
        " drinking again."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sponsor SSN (TRICARE): xxx-xx-4471 DoD Benefits on file", ("xxx-xx-4471", "ssn")),
        ("lets her do whatever, gram is 94 and deaf as a post.", ("94", "age_over_89")),
        ("ask at the front desk grandpa's 90. boy is huffing", ("90", "age_over_89")),
        ("Family Medicine Patient: 11F, MKS Referral source: school nurse", ("MKS", "initials")),
        ("Mom at Bldg 7120, Apt B, on post. Bring her to the ED?", ("Bldg 7120, Apt B", "address")),
        ("CONTACT LOG\n02/03 home visit, family not home", ("02/03", "date")),
    ],
)
def test_eighty_eighth_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_bases_codes_and_birthdays_under_90_pass_and_one_over_89_blocks() -> None:
    text = "10 y/o, NAS Pensacola family. CPT again. grandpa's 88th birthday; 90 minutes away"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []
    # a 95th birthday says she is 95: an age over 89 (45 CFR 164.514(b)(2)(i)(C))
    assert [(f.text, f.kind) for f in scan("grandma's 95th birthday; 90 minutes away")] == [
        ("95th birthday", "age_over_89")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives w/ abuela in the colonia off Calle Nogal since", ("Calle Nogal", "address")),
        ("Elementary School 543 28 3/4 Rd, Grand Junction", ("543 28 3/4 Rd", "address")),
        ("(policy): - T.W., 6th, anxiety - M.A., 8th, ADHD not on meds", ("M.A.", "initials")),
        ("pls resched KJ (barrel racer, ED), she's at the rodeo", ("KJ", "initials")),
        ("re Obi: the family moved from the city to the coast", ("Obi", "name")),
    ],
)
def test_eighty_fifth_to_seventh_sets_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_drugs_and_fields_after_re_pass() -> None:
    text = "mom asks re: amantadine? Re: Dosing: twice daily. re ADHD: ok. re Zoloft: stopped"
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_surname_of_words_first_in_a_field_blocks_when_the_given_name_is_listed() -> None:
    found = scan("Incident Report Student: Bull Shield, Tanner Dorm: Sioux Hall")
    assert ("Bull Shield, Tanner", "name") in [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cruz weighed 31 kg at the 2/2 visit, 29.8 kg today.", ("2/2", "date")),
        ("Amara missed the 7/9 appointment. Called mom.", ("7/9", "date")),
        ("Grandmother brought him 6/6. He's sleeping at her place.", ("6/6", "date")),
        ("weights: 1/4 38.2 kg, 1/18 38.9 kg. stable", ("1/4", "date")),
    ],
)
def test_month_days_of_visits_and_weighings_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_fractions_and_ratings_of_a_session_pass() -> None:
    text = "he takes 1/2 tab; 3/4 of the sessions; 5/5 session. 10/10 session."
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ASKED FOR HER PHONE IMEI, IT'S 352099114438172, NOT SURE WHY",
            ("352099114438172", "account"),
        ),
        ("Update on 11 yo (great gma 91 yrs) — clonidine helping", ("91 yrs", "age_over_89")),
        ("update on bubba (carson, ggpa 93). ggpa fell", ("93", "age_over_89")),
        (
            "whose mother died of an overdose on New Year's Day. The child",
            ("New Year's Day", "date"),
        ),
    ],
)
def test_ninetieth_set_shapes_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_distances_trades_and_what_a_family_calls_a_grandparent_pass() -> None:
    text = (
        "70 miles one way. She calls her Big Mama. Dad works shifts at the paper mill; mom at"
        " the nail salon. counted 1,234,567 steps. We are closed on Christmas Day."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a given name's possessive typed without the apostrophe, before a relation
        ("hi its carla, jaydens mom. he wont eat", ("jayden", "name")),
        ("Hi this is Dawn Keller, Kaylees grandma. She", ("Kaylee", "name")),
        ("shes sleeping over at her friend makaylas house tonight", ("makayla", "name")),
        # a word the writer vouches is a person's name
        ("Pt: Sterling, 12 M (yes, that is his first name). Mom says", ("Sterling", "name")),
        ("Update: Ranger (not short for anything) is sleeping better.", ("Ranger", "name")),
        ('"bunny" (what she calls herself) is 5 and bites', ("bunny", "name")),
        ("the boy, Major Quarles, age 9 (yes, Major is his first name)", ("Major", "name")),
        # a given name that is also a word of the trade, found as a name, then acting again
        ("Student: Tanner Ostrowski, 14. Tanner has missed 9 days.", ("Tanner", "name")),
    ],
)
def test_names_typed_without_apostrophes_or_vouched_for_block(
    text: str, expected: tuple[str, str]
) -> None:
    found = [(f.text, f.kind) for f in scan(text) if f.severity == "block"]
    assert expected in found


def test_plural_verbs_and_eponyms_beside_relations_pass() -> None:
    text = (
        "She sees dad every other weekend and hopes mom will come. The twins mom called. "
        "Her parents house is far. Tanner stage 3. Major depressive disorder has improved. "
        "We can't say her real name, and he hates his real name."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a daycare named by "CDC" or "Early Learning"; a school by the grades it spans
        (
            "3 yo, biting at Sandhill Creek CDC, they may disenroll",
            ("Sandhill Creek CDC", "school"),
        ),
        (
            "He is calm at Wabasha Early Learning but not home.",
            ("Wabasha Early Learning", "school"),
        ),
        (
            "refuses to go to Oxbow Elementary-Middle since May",
            ("Oxbow Elementary-Middle", "school"),
        ),
        ("15 F at Kettle Falls Middle-High, runs track", ("Kettle Falls Middle-High", "school")),
        # the school a child was put out of
        ("he got suspended again from Tecumseh for fighting", ("Tecumseh", "school")),
        ("kicked out of Little Acorn Garden for biting", ("Little Acorn Garden", "school")),
        ("hes suspended from kennedy for 3 days", ("kennedy", "school")),
        # a town's or a school's name before a school sport
        ("16, Wapsie Valley volleyball, concussion x2", ("Wapsie Valley", "school")),
        ("got dizzy in the Pinewood wrestling room", ("Pinewood", "school")),
        # the school a health center is in; a word no list knows, at school
        ("seen at the Okeechobee SBHC on Tuesday", ("Okeechobee", "school")),
        ("Refusing school since March (8th at Tchefuncte). Anxious.", ("Tchefuncte", "school")),
        ("An altar server at St. Kilian's; the parish priest noticed.", ("St. Kilian's", "school")),
    ],
)
def test_daycares_school_spans_and_teams_block(text: str, expected: tuple[str, str]) -> None:
    found = [(f.text, f.kind) for f in scan(text) if f.severity == "block"]
    assert expected in found


def test_programs_platforms_and_watched_teams_pass() -> None:
    text = (
        "The CDC growth charts. Per CDC guidance. She was referred to Early Learning. "
        "Expelled from Head Start twice. Kicked out of Mother's Day Out. Suspended from "
        "Snapchat. Loves football. Watches Ohio State football with dad. Our SBHC has an "
        "LCSW. Middle-high income families."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a street after a business or a home, even one that is also a word
        ("Mom works at a taqueria on Zapata all day", ("Zapata", "address")),
        ("he's staying at the motel on Alvarado now", ("Alvarado", "address")),
        ("i think shes at his place on Maple by the tracks", ("Maple", "address")),
        # a ZIP code after a street and its town, or a few words after "ZIP"
        ("lives at 88 mill creek rd jenkins 41537. q:", ("41537", "zip")),
        ("mom said the ZIP will be 29611 and asked", ("29611", "zip")),
        # numbered roads: an expressway, a state route, a section-line mile road, in capitals
        ("the family lives off Mile 14 Road near the canal", ("Mile 14 Road", "address")),
        ("Dad runs a tire shop on Expressway 77 now", ("Expressway 77", "address")),
        ("lives with grandma on St Rt 33 past the church", ("St Rt 33", "address")),
        ("LIVES WITH AUNT ON HWY 52 OUTSIDE TOWN.", ("HWY 52", "address")),
        # a plate after a vehicle and its state's two letters
        ("His truck (MT KTR4482) is in the lot", ("KTR4482", "vehicle")),
        ("police have the plate HI TKL 209 (grey Civic)", ("HI TKL 209", "vehicle")),
    ],
)
def test_streets_zips_and_plates_by_their_context_block(
    text: str, expected: tuple[str, str]
) -> None:
    found = [(f.text, f.kind) for f in scan(text) if f.severity == "block"]
    assert expected in found


def test_days_doses_and_vitals_near_those_words_pass() -> None:
    text = (
        "the motel on Sunday was cold. walked the whole way 10000 steps. in the car, HR 110, "
        "BP 120/80. car seat until 8 yrs, PA 2 mg. ran the mile 5 times; at mile 3 she stopped."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a saint's name where no hospital is spoken of: a school or a church
        ("Marisol is back at St. Rita's three mornings a week.", ("St. Rita's", "school")),
        ("he wasn't at St. Jerome today either", ("St. Jerome", "school")),
        # a place named for a town, where a child is
        ("Keanu (10) is at Brookhaven, and the tics are worse", ("Brookhaven", "school")),
        ("got in another fight at Oak Grove and they want a meeting", ("Oak Grove", "school")),
        # the school named right after the word
        ("SAYS SCHOOL (TILDEN) WANTS AN EVAL FIRST", ("TILDEN", "school")),
        ("the school (maple ridge) called twice", ("maple ridge", "school")),
        ("his new school will be Harmon-Dale Prep.", ("Harmon-Dale Prep", "school")),
        ("needs a new school, probably Cane Ridge. thoughts?", ("Cane Ridge", "school")),
        # the people of a child's school or case are named as its school is
        ("Caseworker R. Oyelaran will call you", ("R. Oyelaran", "name")),
        ("From: Dana Kessel, RN, school nurse, Elm Bluff Middle", ("Dana Kessel", "name")),
        ("Dr. Hal Petrosyan, Assistant Principal", ("Dr. Hal Petrosyan", "name")),
        ("Nurse: Lee Ann Pruitt RN at Fox Hollow Elementary", ("Lee Ann Pruitt", "name")),
        # capitals as a patient: set off after "is", before a record number, or a verb
        ("Kid is TRW, the one who won the county fair", ("TRW", "initials")),
        ("Pt KLM, RX-5501928, due back Friday", ("KLM", "initials")),
        ("mom says JB hasn't eaten since the funeral", ("JB", "initials")),
        ("Patient DWR will join from home", ("DWR", "initials")),
    ],
)
def test_saints_places_staff_and_initials_in_context_block(
    text: str, expected: tuple[str, str]
) -> None:
    found = [(f.text, f.kind) for f in scan(text) if f.severity == "block"]
    assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        # a saint's name where care is spoken of stays a hospital's (warn)
        "Admitted to St. Rita's for 3 days after the overdose.",
        "She had sutures at St. Jerome's on Tuesday.",
        "His endo at St. Vincent wants an A1c first.",
        # a town after "at" where a clinician works is no school
        "I'm an NP at Brookhaven and see many of these kids.",
    ],
)
def test_hospitals_and_workplaces_by_a_saint_or_a_town_only_warn(text: str) -> None:
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_what_school_is_and_the_clinicians_a_hub_consults_pass() -> None:
    text = (
        "School (homebound) until March. School is Monday. The school (IEP team) met. Missed "
        "school (half days). The school psychologist, Dr. Amara Osei, tested him. Marie Munroe, "
        "RN notified. Kid is ADHD, the combined type. Pt HR, 120."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town and its state closing the text or a sentence
        ("9 yo girl, panic at night. Ekalaka, MT.", ("Ekalaka", "city")),
        # in a shouted line the school's name starts after the last function word
        ("HE FLOODED THE GIRLS ROOM AT WADLEY ELEMENTARY TODAY", ("WADLEY ELEMENTARY", "school")),
        # a parish's devotion named as a place: a school or church where no care is spoken of
        ("she's refusing to go to Holy Redeemer since October", ("Holy Redeemer", "school")),
        ("he's an altar server at Sacred Heart.", ("Sacred Heart", "school")),
        ("the Good Shepherd youth group meets Wednesdays", ("Good Shepherd", "school")),
    ],
)
def test_towns_closing_a_sentence_shouted_schools_and_parishes_are_found(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text)]


def test_hospitals_by_devotion_and_st_johns_wort_do_not_block() -> None:
    text = (
        "Admitted to Holy Cross overnight. Seen at Sacred Heart Hospital ED. Mom gives him "
        "St. John's wort. She was filled with joy at church. Thanks, MD."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_capitals_before_what_a_child_is_doing_are_initials() -> None:
    found = [(f.text, f.kind) for f in scan("nurse says KW is crying in the office again")]
    assert ("KW", "initials") in found
    text = "PT is working on gait. OT is helping. The IEP is missing a goal."
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He won't go back to Calloway. Please help.", ("Calloway", "school")),
        ("Mom won't let her go to McAdory Central anymore.", ("McAdory Central", "school")),
        ("8 yo, goes to Pinon Ridge. Mom said the bus driver saw him", ("Pinon Ridge", "school")),
        ("10 yo boy being bullied at Fernbrook. Family lives nearby", ("Fernbrook", "school")),
    ],
)
def test_where_a_child_goes_back_to_or_is_bullied_is_the_school(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_towns_stores_and_care_a_child_goes_to_are_no_school() -> None:
    text = (
        "Dad went back to Monterrey. Goes to Walmart with mom. "
        "The family goes to Anchorage in summer. He went back to Mercy Hospital for the ED."
    )
    assert not [f for f in scan(text) if f.kind == "school"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from the youth pastor at Riverbend: one of our kids", ("Riverbend", "school")),
        ("youth pastor Dale at Our Lady of the Hills: she", ("Our Lady of the Hills", "school")),
        ("His new school is Cedar-Pike-Lowry.", ("Cedar-Pike-Lowry", "school")),
        ("- Mr. Oakes, Fairbrook Marching Band", ("Fairbrook Marching Band", "school")),
        ("15M, Broken Bow basketball, on the team that won", ("Broken Bow", "school")),
    ],
)
def test_churches_bands_and_teams_by_their_people_are_found(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_a_nurse_at_a_hospital_and_words_after_a_pastor_do_not_block() -> None:
    text = "The nurse at Mercy says fine. The pastor says to pray. He joined the Pep Band."
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "grandma drives her to Bethel Missionary Baptist every Sunday.",
            "Bethel Missionary Baptist",
        ),
        ("referred by school counselor Ms. Dunn at Juniper period", "Juniper"),
        (
            "Message from the nurse at Glenhaven Country Day: he has asthma.",
            "Glenhaven Country Day",
        ),
    ],
)
def test_the_learned_reading_finds_a_school_no_rule_names(text: str, expected: str) -> None:
    # echo.phi.school_phrases: the rules alone pass these phrases
    assert (expected, "school") not in [(f.text, f.kind) for f in scan(text, learned_schools=False)]
    assert (expected, "school", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_the_learned_reading_leaves_towns_and_care_alone() -> None:
    text = (
        "She went to Cincinnati for the weekend and then to Florida. Admitted to Riley for 3 "
        "days. We referred her to Centerstone for therapy. Seen at Mayo last year for the tics."
    )
    assert not [f for f in scan(text) if f.kind == "school" or f.severity == "block"]


def phrases(text: str) -> list[str]:
    """The phrases echo.phi.school_phrases reads in `text`, as text."""
    from echo.phi import learned, school_phrases

    ws = learned.words(text)
    case_style = learned.style(ws)
    return [
        text[ws[p.first].start : ws[p.end - 1].end] for p in school_phrases.phrases(ws, case_style)
    ]


def test_a_phrase_is_the_capitalised_words_after_the_trigger_or_one_lower_case_word() -> None:
    assert phrases("Drives him to Shiloh Missionary Baptist every Sunday; at the Academy.") == [
        "Shiloh Missionary Baptist",
        "Academy",
    ]
    assert phrases("he stopped going to hockey at jeffers after a concussion") == [
        "hockey",
        "jeffers",
    ]
    assert phrases("Seen at 3 pm, came from a visit, back to 2 mg.") == []
    # in a text with capitals, a lower-case word only where a name list knows it or no
    # dictionary does
    assert phrases("He goes to brennan now. Went to bed.") == ["brennan"]
    assert phrases("the Upper Middle team; the Cozad Haymakers fans; at PSVT") == [
        "Cozad Haymakers"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pt is tanner's little sister, 9yo", ("tanner", "name")),
        ("Quick one: the Pedersons' oldest (17) got his license pulled", ("Pedersons", "name")),
        ("the garzas' twins are back", ("garzas", "name")),
        ("hey - mj (14f) ran away again", ("mj", "initials")),
        ("my grandbaby destiny wont get out of bed", ("destiny", "name")),
    ],
)
def test_families_siblings_and_aged_initials_are_found(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


def test_peoples_eponyms_and_shorthand_look_alikes_pass() -> None:
    text = (
        "The Appalachian case last week reminded me of this. 13F, Hashimoto's, on "
        "levothyroxine. the patient's little sister is 9. the girls' kids, the Nurses' kids, "
        "The Parents' kids. teen's portal msg (16 yo): fine. the ed (12 hrs) was full."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pasted: PORT ADAIR PUBLIC SCHOOLS Special Education Department",
            ("PORT ADAIR PUBLIC SCHOOLS", "school"),
        ),
        ("notice: OAK RIDGE SCHOOL DISTRICT", ("OAK RIDGE SCHOOL DISTRICT", "school")),
        (
            "DC summary: WIND GAP MEMORIAL HOSPITAL - BEHAVIORAL HEALTH UNIT",
            ("WIND GAP MEMORIAL HOSPITAL", "facility"),
        ),
    ],
)
def test_letterheads_in_capitals_are_found(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.text, f.kind) for f in scan(text)]


def test_capitals_before_a_district_or_a_memorial_hospital_alone_pass() -> None:
    text = (
        "MOM CALLED THE SCHOOL DISTRICT. SEEN AT THE MEMORIAL HOSPITAL ED. GOES TO PUBLIC "
        "SCHOOLS. ADMITTED TO REGIONAL MEDICAL CENTER. LAKE HIGH SCHOOL."
    )
    assert [(f.text, f.kind) for f in scan(text)] == []


def test_the_learned_reading_hears_a_school_typed_in_lower_case() -> None:
    # (blind-dev97, a set the school-phrase classifier is not trained on)
    # (the word classifier, retrained on blind-dev93 to 164 on 2026-12-07, hears it too)
    text = "14yo M ADHD-C on Concerta 36. Plays hockey at jeffers, grades dropping since Jan."
    assert ("jeffers", "school") not in [
        (f.text, f.kind) for f in scan(text, RULES, learned_schools=False)
    ]
    assert ("jeffers", "school", "block") in [
        (f.text, f.kind, f.severity) for f in scan(text, RULES)
    ]
    assert ("jeffers", "school", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16yo f, setter on the Big Dry Creek volleyball team.", "Big Dry Creek"),
        ("both Cozad Haymakers fans lol", "Cozad Haymakers"),
    ],
)
def test_the_learned_reading_finds_a_team_before_its_sport(text: str, expected: str) -> None:
    assert (expected, "school") not in [(f.text, f.kind) for f in scan(text, learned_schools=False)]
    assert (expected, "school", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_the_learned_reading_leaves_a_town_before_its_state_and_a_place_of_care() -> None:
    text = (
        "Wants to go to Baltimore rehab (lives alone). margie from Middle River, MD came "
        "today. He is from Linwood, NJ and plays ball."
    )
    assert not [f for f in scan(text) if f.kind == "school"]


def test_a_sibling_by_its_shorthand_is_no_name_and_cues_one() -> None:
    assert [f for f in scan("Sib (5) also at daycare. Sibs (3, 7) are fine.")] == []
    found = [(f.text, f.kind) for f in scan("sib kaden (5) is biting too")]
    assert ("kaden", "name") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pt is 11, nickname breezy, plays softball", "breezy"),
        ("12 year old male comma goes by tank comma lives with dad", "tank"),
        ("her nick-name is tiny", "tiny"),
        ("Nickname: Bubba", "Bubba"),
    ],
)
def test_a_nickname_after_its_cue_is_a_name(text: str, expected: str) -> None:
    assert (expected, "name", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_what_one_goes_by_that_is_no_name_passes() -> None:
    text = (
        "He goes by bus to school. She goes by they/them and goes by her middle name. The "
        "nickname thing upsets her. Kids at school use a nickname."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []


def test_a_phrase_in_capitals_or_lower_case_is_a_name_like_word_or_ends_a_schools_word() -> None:
    # shouted: a word no dictionary has or a name list knows, never one a number follows
    assert phrases("GOES TO FREMONT PUBLIC. PT EXPIRED AT APPROX 0320. AT NURSING HIGH.") == [
        "FREMONT"
    ]
    # with capitals elsewhere, lower-case words up to a school's word; a denomination or
    # a common adjective ends no phrase
    assert phrases("Sib Paisley also at tiny tots daycare; at southern baptist; for bp high") == [
        "tiny tots daycare",
        "southern",
    ]
    # a saint's name after "st", but not a ward's shorthand
    assert phrases("lives w/ her aunt, goes to st labre when she goes. sr to st. sbp 135") == [
        "st labre"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "THIS IS THE SCHOOL NURSE AT RIVERVIEW. STUDENT ANTHONY HAS HAD HIS INHALER.",
            "RIVERVIEW",
        ),
        # (the rules read "tiny tots daycare" by its name's shape since 2026-12-07)
        ("Sib Paisley (5) also at sunny days daycare.", "sunny days daycare"),
        (
            "lives w/ her aunt in lame deer, goes to st labre when she goes. sertraline 25",
            "st labre",
        ),
    ],
)
def test_the_learned_reading_hears_a_school_shouted_typed_low_or_after_st(
    text: str, expected: str
) -> None:
    assert (expected, "school") not in [(f.text, f.kind) for f in scan(text, learned_schools=False)]
    assert (expected, "school", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_shouted_ward_notes_and_a_saint_after_admitted_stay_clean() -> None:
    text = (
        "PT EXPIRED AT APPROX 0320. SR TO ST. HIGH PRESSURES. PT VERY LETHARGIC AT START OF THE "
        "SHIFT. PT SEEN AT THE HIGH. AT NURSING HIGH.\ncardiac- hr 85-101 sr to st. sbp 135-151. "
        "Placed on NEO for blood pressures high"
    )
    assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == []
    text = "He was admitted at St. Mary's after the fight at school"
    assert [f for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kaden 13yo (20931), roblox user kaden_plays09", "20931"),
        ("15M (#E44719) cutting since the move", "E44719"),
        ("our pt 7712-03, 9 yo F, anxiety", "7712-03"),
    ],
)
def test_a_record_number_in_brackets_after_the_age_or_after_pt_blocks(
    text: str, expected: str
) -> None:
    assert (expected, "mrn", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_years_measures_and_ranges_beside_an_age_pass() -> None:
    text = (
        "9 yo (2015) adopted. 14yo (5'2\", 110 lbs). 16 M (18000 steps a day). she is 14F "
        "(PHQ-A 12). HR 110-139, 9 yo. pt 12-14, 9 yo."
    )
    assert [(f.text, f.kind) for f in scan(text) if f.kind in ("mrn", "account")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Letter from Bell County Public Schools re: 504", "Bell County Public Schools"),
        ("Union County Board of Education hearing", "Union County Board of Education"),
        ("BELL COUNTY PUBLIC SCHOOLS - SPECIAL EDUCATION", "BELL COUNTY PUBLIC SCHOOLS"),
    ],
)
def test_a_countys_schools_are_the_childs_school(text: str, expected: str) -> None:
    assert (expected, "school", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]
    # the county alone stays a place (warn)
    assert [(f.kind, f.severity) for f in scan("moved to Bell County last year")] == [
        ("city", "warn")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks. Mom Lantern is thrilled with the plan.", ("Lantern", "name")),
        ("His sisters are Rosalind (11) and June (6).", ("June", "name")),
        (
            "concussion at a club game (Lakeshore United U13), now irritable",
            (
                "Lakeshore United U13",
                "school",
            ),
        ),
        ("16yo M, swimmer at Kenwood, binge eating since spring", ("Kenwood", "school")),
        ("pt tk doing better on 10 mg", ("tk", "initials")),
        ("kd f/u - sleeping better, still refusing the bus", ("kd", "initials")),
    ],
)
def test_words_named_by_their_people_and_teams_by_their_players_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert (*expected, "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_the_sex_after_the_age_and_a_teams_doctor_pass() -> None:
    for text in (
        "12 YO F. ENCOPRESIS + ANXIETY. MIRALAX DAILY.",
        "runs 6 miles a day, hr 50 resting. team doc says fine",
        "a trial of Child-Parent Psychotherapy would help; she is the guardian (Children's "
        "Division)",
        "his dad is a Marine and mom works nights",
    ):
        assert [(f.text, f.kind) for f in scan(text) if f.severity == "block"] == [], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quick q re kobe 7yo, 31-5582. dad wants to stop", ("31-5582", "mrn")),
        ("consulta: ana sofía, 5 años, 0048812-7. mamá dice", ("0048812-7", "mrn")),
        ("8 y/o F, Marlowe, 5530981-02, tics and anxiety", ("5530981-02", "mrn")),
        ("niña de 11 años (44810-3) en Laredo", ("44810-3", "mrn")),
        ("Re 72-14-509: please send the plan", ("72-14-509", "account")),
        ("second offense this month\n- pt QT55120", ("QT55120", "mrn")),
        ("f/u DKW 77-30152 9yo ODD", ("77-30152", "mrn")),
        ("her school Chromebook (5CD2K7QX1R) logged the searches", ("5CD2K7QX1R", "device")),
    ],
)
def test_grouped_numbers_by_the_age_and_serials_by_their_device_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert (*expected, "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_ranges_years_and_dates_by_the_age_and_a_devices_model_pass() -> None:
    for text in (
        "14yo, 2019-2021. then moved",
        "9 yo, 110-139. HR 88-110 7yo",
        "12 yo, 3-4. sleeps 12 yo (10-12 hrs)",
        "the tablet (ADDERALL XR 20MG) and her phone (iPhone 14)",
        "re 2024-25: the school year",
    ):
        assert [(f.text, f.kind) for f in scan(text) if f.kind in ("mrn", "device")] == [], text


def test_a_school_field_of_a_word_and_a_coined_name_blocks_without_the_sentences_dot() -> None:
    assert found("school: Granite Hill-Oakes, 5th\nSchool: Carver Middle. Q: SSRI?")[:2] == [
        ("Granite Hill-Oakes", "school", "[the child's school]"),
        ("Carver Middle", "school", "[the child's school]"),
    ]
    assert [f.text for f in scan("School: IEP Under OHI\nSchool: Teacher Ms. Dunn")] == ["Ms. Dunn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quick q - lonnie (the skaggsworth boy, 12) got suspended", "skaggsworth"),
        ("ok quick one. seeing harmony again today (the 9yo from last month)", "harmony"),
        ("f/u on junior from 10/2: guanfacine helping", "junior"),
        ("Saw Jesús again, the 14yo with panic", "Jesús"),
    ],
)
def test_a_familys_child_and_the_child_a_follow_up_is_about_are_named(
    text: str, expected: str
) -> None:
    assert (expected, "name", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_peoples_possessives_doings_and_things_followed_up_pass() -> None:
    for text in (
        "the hmong family and the somali girl moved in",
        "the neighbor's kids and the pt's family visited; the huffin boy is back",
        "seeing them again soon, f/u on labs from the ED, update on sleep - better",
        "Follow-up on case from 10/3: admitted",
    ):
        assert [(f.text, f.kind) for f in scan(text) if f.kind == "name"] == [], text


def test_daycares_by_their_names_shape_block_and_phrases_of_progress_pass() -> None:
    blocked = [
        f.text
        for f in scan("kicked out twice (tiny tots, then wee care); sister at Tender Hearts")
        if f.severity == "block"
    ]
    assert blocked == ["tiny tots", "wee care", "Tender Hearts"]
    text = "progress in tiny steps; the wee ones sleep; Bright Futures visit at 9"
    assert [f.text for f in scan(text) if f.kind == "school"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patient: P.K., 12 M\nPlan: sertraline", "P.K."),
        ("fyi dad of D.C. called back about the plan", "D.C."),
        ("The child is A.M. (the custody case), 9", "A.M."),
        ("the 5th grader we discussed, H.R., was suspended", "H.R."),
        ("Followed up w/ the family (T.V.) and they agreed", "T.V."),
    ],
)
def test_initials_that_are_abbreviations_block_where_a_child_is_spoken_of(
    text: str, expected: str
) -> None:
    assert (expected, "initials", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_a_degree_after_a_name_and_a_therapy_in_brackets_stay_abbreviations() -> None:
    text = "Renee Lee, M.A., CCC-SLP will call. She has an M.A.; the family (P.T. twice weekly)"
    assert [f.text for f in scan(text) if f.kind == "initials"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives out past ridgeway on tanner rd with grandma", ("tanner rd", "address")),
        (
            "moved into the cedar run trailer park, lot 12, in may",
            (
                "cedar run trailer park, lot 12",
                "address",
            ),
        ),
        ("her acct there is 5520 1187", ("5520 1187", "account")),
    ],
)
def test_a_road_named_by_a_word_of_the_trade_a_trailer_park_typed_low_and_a_number_there_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert (*expected, "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_any_trailer_park_a_doctor_after_a_name_and_a_dose_there_pass() -> None:
    for text in (
        "the new trailer park is loud; talked on tanner dr smith's list",
        "the plan there is 20 mg",
    ):
        assert [f.text for f in scan(text) if f.severity == "block"] == [], text


def test_a_month_that_names_a_relative_blocks_and_a_date_after_one_stays_a_date() -> None:
    assert [(f.text, f.kind) for f in scan("grandma june has custody now")] == [("june", "name")]
    assert [(f.text, f.kind) for f in scan("visit with mom june 3rd")] == [("june 3rd", "date")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("great gran, 98, in hospice", "98"),
        ("granny 91 watches the kids after school", "91"),
        ("pop-pop, 93, is the only driver", "93"),
        ("raised by great-grandparents (91 and 88)", "91"),
        ("an elder in the family (age ninety-four) teaches him", "age ninety-four"),
    ],
)
def test_an_elders_age_by_a_pet_name_or_right_after_the_relation_blocks(
    text: str, expected: str
) -> None:
    assert (expected, "age_over_89", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_a_relatives_distance_time_or_vital_sign_is_no_age() -> None:
    text = "dad 90 min away, grandma 95 mi away, mom 90 days sober. HR per mom 118."
    assert [f.text for f in scan(text) if f.kind == "age_over_89"] == []


def test_a_team_named_in_apposition_blocks_and_a_clubs_members_pass() -> None:
    assert ("Strikers", "school", "block") in [
        (f.text, f.kind, f.severity) for f in scan("her soccer team, the Strikers, won state")
    ]
    assert ("Red Wolves", "school") in [
        (f.text, f.kind) for f in scan("his club (the Red Wolves) travels a lot")
    ]
    assert [f.text for f in scan("the book club, Parents, meets; on the team, Others said")] == []


def test_serial_numbers_in_the_plural_and_the_second_of_two_block() -> None:
    found_serials = [
        (f.text, f.kind)
        for f in scan("hearing aid serial numbers 3308-L and 3309-R, fitted in May")
    ]
    assert found_serials == [("3308-L", "device"), ("3309-R", "device")]
    assert [
        f.text for f in scan("their phone numbers changed; pump serial TSL44810, and the CGM")
    ] == ["TSL44810"]


def test_a_number_after_its_label_and_where_it_is_kept_blocks() -> None:
    assert ("55 31 207", "mrn", "block") in [
        (f.text, f.kind, f.severity)
        for f in scan("in ER at st anne's now, MRN at st annes 55 31 207")
    ]
    assert [f.text for f in scan("chart at 3 pm, acct at the front desk")] == []


def test_a_residence_halls_room_is_an_address() -> None:
    assert ("Tilden Hall rm 118", "address", "block") in [
        (f.text, f.kind, f.severity) for f in scan("dorm: Tilden Hall rm 118, roommate moved out")
    ]
    assert [f.text for f in scan("seen in the ER room 4 overnight")] == []


def test_a_school_explained_in_brackets_or_a_place_alone_in_the_school_field_blocks() -> None:
    text = "now at Pathways (alternative school); sister at Little Pines (a Montessori preschool)"
    assert [(f.text, f.kind) for f in scan(text)] == [
        ("Pathways", "school"),
        ("Little Pines", "school"),
    ]
    assert [(f.text, f.kind) for f in scan("School: Brookdale\nMeds: none")] == [
        ("Brookdale", "school")
    ]
    text = "School: Reading below grade level. ADHD (per school). Reporter (at school) states"
    assert [f.text for f in scan(text)] == []


def _blocked(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 7 yo named oriel, mom says he never sleeps", ("oriel", "name")),
        ("3rd grader Maelynn-Joy came to the office again", ("Maelynn-Joy", "name")),
        ("The daughter, KB, is 5 and not talking", ("KB", "initials")),
        ("his great-grandmother Mrs. Philomena Arceneaux, 94, has custody", ("94", "age_over_89")),
        ("vive con la bisabuela Doña Lupe, 96.", ("96", "age_over_89")),
        ("great-grandpa (he'll be 101 next week) lives with them", ("101", "age_over_89")),
        ("they live in Trailer park Las Palmas now", ("Trailer park Las Palmas", "address")),
        ("a basement unit on W. Augusta, no heat", ("W. Augusta", "address")),
        ("shot near the bus stop on walnut and 5th", ("walnut and 5th", "address")),
        ("moved into the willow apts bldg d in May", ("willow apts bldg d", "address")),
        ("first daycare was Kinder Kove, then Head Start", ("Kinder Kove", "school")),
        ("account # for billing: 7712-0045-19", ("7712-0045-19", "account")),
        ("last name spelled O-K-A-F-O-R, first name Chidi", ("O-K-A-F-O-R", "name")),
        ("Insulet PDM lot# 22B417 and the pump", ("22B417", "device")),
        ("Les presento a Ximena, de 8 años, con ansiedad", ("Ximena", "name")),
        ("Niño de 5 años en la guardería Arcoíris Feliz, muerde", ("Arcoíris Feliz", "school")),
        (
            "great-aunt, who just had her 96th birthday, raises him",
            ("96th birthday", "age_over_89"),
        ),
        ("grandpa is in his late nineties and drives", ("in his late nineties", "age_over_89")),
        ("Cb needed - R.V., 9M, Medicaid ID 5520194478", ("R.V.", "initials")),
        ("> A.P. has had 4 meltdowns this week", ("A.P.", "initials")),
        ("staying at the motel off 9th & cedar for now", ("9th & cedar", "address")),
        ("Last: Okafor-Lindgren  First: Chidi  Middle: Hope", ("Okafor-Lindgren", "name")),
        ("de 11 años, le dicen 'Chato', con TDAH", ("Chato", "name")),
        ("their trailer is off N-12 past the chapter house", ("N-12", "address")),
        ("he swims for the lake oswego orcas in summer", ("lake oswego orcas", "school")),
        ("CPS notified 9/9 after the visit", ("9/9", "date")),
        ("pt Abdirahman Yusuf (Abdi) 15 yo, works at", ("Abdi", "name")),
        ("GM is 93 and lives w/ them", ("93", "age_over_89")),
        ("pt is april, 13. seen last week", ("april", "name")),
        ("text: pt is lil jo from the village, 9, hurt", ("lil jo", "name")),
        ("they moved to #314 in the same building", ("#314", "address")),
        ("family lives in house #22 behind the store", ("house #22", "address")),
        ("visited them at building 3, apt 1207, in the tower", ("building 3, apt 1207", "address")),
        ("lives with her aunt's family on Hickory, no number", ("Hickory", "address")),
        ("Lic. Méd. 20377, Tel. 787-555-0101", ("20377", "license")),
        ("Medevac: Tail N5127K, dest ANMC", ("N5127K", "vehicle")),
        ("they live in bentonville ar 72712 now", ("72712", "zip")),
        ("Rm 8: Hope K., 15F, day 3", ("Hope K.", "initials")),
        ("re: 'dee' (14yo, new psychosis)", ("dee", "name")),
        ("El niño (Chuy, apodo de Jesús) tiene 7 años", ("Chuy", "name")),
        ("attends Little Acorns (LACC) twice a week", ("LACC", "school")),
        ("Juega con el club Tiburones de Mayagüez", ("Tiburones de Mayagüez", "school")),
        ("Insta is @soyeon.sketches; Soyeon deleted the posts", ("Soyeon", "name")),
        ("his paddling club (Hui Nalu o Hilo) keeps him going", ("Hui Nalu o Hilo", "school")),
        (
            "mom works at the family shop (Sunrise Valley Cleaners)",
            ("Sunrise Valley Cleaners", "name"),
        ),
        ("Halmoni lives with them, 94 yo", ("94 yo", "age_over_89")),
        (
            "the account for the child is four four zero, one two, nine nine eight",
            (
                "four four zero, one two, nine nine eight",
                "account",
            ),
        ),
        (
            "her medicaid number is K as in king, two two one, four four, eight zero one",
            (
                "K as in king, two two one, four four, eight zero one",
                "health_plan",
            ),
        ),
        (
            "date of birth is oh six, one one, two thousand twelve. ok",
            (
                "oh six, one one, two thousand twelve",
                "date",
            ),
        ),
        ("call me back, my cell is 3 1 7 555 0 4 2 2.", ("3 1 7 555 0 4 2 2", "phone")),
        ("his name is Brayden spelled B R A Y D E N, nine", ("B R A Y D E N", "name")),
        ("the girl is Zoe, Z-O-E, she is 7", ("Z-O-E", "name")),
        (
            "we're at the corner of Pulaski and Ninth, the green house",
            ("Pulaski and Ninth", "address"),
        ),
        ("EMS used 45.1187, -84.3310 to find the camp", ("45.1187, -84.3310", "address")),
        ("family now in apt 7B, same building", ("apt 7B", "address")),
        ("next ECHO follow-up pencilled for 03/04. Sertraline", ("03/04", "date")),
        ("a resident of Cottage 2, bed A at the RTC", ("Cottage 2, bed A", "address")),
        ("lives in Bldg 3-2210, Room 114 on post", ("Bldg 3-2210, Room 114", "address")),
        ("12 yo from the Lazy Creek Ranch past the bridge", ("Lazy Creek Ranch", "address")),
        ("Grossmammi Ruth (95 yo) lives with them", ("95 yo", "age_over_89")),
    ],
)
def test_shapes_the_later_writers_used_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in _blocked(text)


def test_a_word_or_a_town_bracketed_after_a_name_is_no_second_name() -> None:
    text = "dad Jim Hale (Deceased) and Tobias (Vinalhaven)"
    assert _blocked(text) == [("Jim Hale", "name"), ("Tobias", "name")]


def test_dotted_initials_found_once_block_wherever_they_stand_again() -> None:
    text = "Re: P.K., 9, and his sister M.J., 6. P.K. hits; M.J. cries"
    assert [f for f, kind in _blocked(text) if kind == "initials"] == ["P.K.", "M.J."] * 2


@pytest.mark.parametrize(
    "text",
    [
        "14 yo, Epworth 14, naps daily",
        "Dad says 'Faith is what keeps us going.'",
        "recurrent 'Alice in Wonderland' spells with migraine",
        "Signed, Odalys Brennan-Ruiz, DNP, CPNP",
        "a 16 yo, QTc 441 on the last EKG",
        "the babysitter (neighbor lady, who is kind) watches her",
        "Stevens-Johnson risk with lamotrigine; Webster-Stratton group",
        "family hx anxiety (mom, MGM); dad, SFC, deployed",
        "dad back from rehab, 90 days sober",
        "moved to the low income apartments",
        "admitted to the unit on Tuesday",
        "Court report: Minor resided with mother. Minor's grades improved.",
        "The family dog, Ranger, died; the cat named Biscuit hides",
        "Vanderbilt preschool version elevated",
        "Paciente de 13 años con ansiedad. Nene de 10 años. Varón de 8 años.",
        "Chase the labs first: TSH, CBC, ferritin",
        "bilateral LE's with edema; le's cool",
        "Tdap today; pump site changed, lot 2 of supplies",
        "GF = grandfather; GGM is 88; Grandpa (PGF, 83yo) drives; pt's FB page",
        "CHW follow-up today. HA note: family ok.",
        "Austin & Ally reruns; Burger King; King Tut facts; Destiny 2 daily; Mardi Gras week",
        "a Carolina blue hoodie and a Mason jar of pills",
        "NAS, Finnegan max 12; pulse ox Masimo Rad-97",
        "moved to #2 on the waitlist; book club Monday; she joined the club Penguin",
        "pt is female, 15; pt is better, 12 hrs later",
        "15 yo, Li level 0.9 on lithium 300 mg; Da boy stay grumpy",
        "the daycare kids; the Farmers Market; Pediatric Dental",
        "admitted to 5 North; his Scout troop; The Ehlers-Danlos talk",
        "UA SG 1.015, 1.020; scores 4 1 2 3 0 on items; grades A B C D",
        "the team (JV) won; the support group (NAMI) meets",
        "pt now in unit 4 overnight; moved to #2 on the waitlist",
        "now in clinic room 4, bed B; a ranch hand",
        "Grey's Anatomy reruns; a child with ALL; the Dawdy Haus; DoDI 6490.08 criteria",
        "Steelers and Packers games on Sundays; a Yankees fan",
        "Amish 12 yo; Mennonite 14 yo",
        "Resident asked: 'Is Frank depression different?' Also Frank discussion w/ mom",
        "Could we get a session on Hope and resilience? A talk on Faith and coping",
    ],
)
def test_clinical_words_in_those_shapes_pass(text: str) -> None:
    assert _blocked(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state that issued a licence after a name is no city's state
        ("kinship paperwork: grandmother Rosa Linda Fuentes, TX DL 20418877", "Rosa Linda Fuentes"),
        # a child's age after the name: the resident of a home, not a resident physician
        ("Resident: T'Naja Williams-Ruiz, 15 Admission date 8/26/2024", "T'Naja Williams-Ruiz"),
        ("Harbor Pt Residence, resident Elvin Cruz Medina, 16. Staff nurse", "Elvin Cruz Medina"),
    ],
)
def test_a_name_before_a_states_licence_or_a_childs_age_blocks(text: str, expected: str) -> None:
    assert (expected, "name") in _blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "F/u: ED team, Dr. Szymanski, 2 wk",
        "seen by Dr. Patel, 12 Main St office",
        "therapist Maria Lopez, 14 sessions so far",
    ],
)
def test_a_clinician_before_a_number_that_is_no_age_still_warns(text: str) -> None:
    assert [f.kind for f in scan(text) if f.kind in ("name", "clinician")] == ["clinician"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11yo Addison now afraid to leave house", "Addison"),
        ("tenncare kid, Addison 12, member id pending", "Addison"),
        ("that boy of hers, Tanner, he's the one", "Tanner"),
        ("Quick update on Tanner: Tanner stage 2 now", "Tanner"),
        ("8yo Raven having night terrors since", "Raven"),
        ("Addison's mom called", "Addison"),
    ],
)
def test_a_given_name_that_is_also_an_eponym_blocks_as_a_name(text: str, expected: str) -> None:
    assert [(expected, "name")] == _blocked(text)


def test_the_eponyms_themselves_still_pass() -> None:
    text = (
        "Tanner stage 3, Addison's disease ruled out, Tanner 4 breast, Tanner (SMR) 2, "
        "Tanner II; the Cushing/Addison talk; Raven's Progressive Matrices; told a Raven story"
    )
    assert _blocked(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bell brings her. She goes to PS 73.", "PS 73"),
        ("Attends PS/MS 88 (repeating 8th).", "PS/MS 88"),
        ("started Head Start on Linden this fall", "Head Start on Linden"),
        ("biting at Head Start de Palo Verde. M-CHAT", "Head Start de Palo Verde"),
    ],
)
def test_a_city_school_by_its_number_and_a_head_start_center_block(
    text: str, expected: str
) -> None:
    assert (expected, "school") in _blocked(text)


def test_pressure_support_and_head_start_on_a_day_pass() -> None:
    text = "weaned to PS 10, PEEP 5; Head Start on Monday; Head Start on Zoom"
    assert _blocked(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("grandma (Bernice Toller, 555-0129) raising 3 grandkids", ("555-0129", "phone")),
        ("no phone, they use the neighbor's: 555-0164) asked", ("555-0164", "phone")),
        ("(9yo, ADHD f/u). #s on file 555-0176 disconnected.", ("555-0176", "phone")),
        (
            "left VM for dad at six five one five five five zero one nine two, he works",
            ("six five one five five five zero one nine two", "phone"),
        ),
        (
            "her driver's license number is one zero two nine three eight four seven five",
            ("one zero two nine three eight four seven five", "license"),
        ),
    ],
)
def test_local_numbers_set_off_and_numbers_said_aloud_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_ranges_and_counting_aloud_pass() -> None:
    text = "dose (Vyvanse, 300-1200 range); count one two three four five six seven eight nine zero"
    assert _blocked(text) == []


def test_a_child_a_case_is_on_is_still_named() -> None:
    assert ("Will", "name") in _blocked("we presented the case on Will, 9, last week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Case title: A.M., 4 - biting and hitting", "A.M."),
        ("a counselor check-in for D.C. 5. Media attention", "D.C."),
        ("3. Okoro, 15, SI\n4. R.T. 6 — aggression", "R.T."),
    ],
)
def test_dotted_letters_that_are_also_an_abbreviation_before_an_age_block(
    text: str, expected: str
) -> None:
    assert (expected, "initials") in _blocked(text)


def test_a_time_before_a_number_is_no_initials() -> None:
    assert _blocked("seen at 10 A.M. 5 - fine") == []


@pytest.mark.parametrize(
    "text",
    [
        "Scout troop (Troop 88 out of St. Mark's Lutheran), and the horse show",
        "in Sept: Father Broussard from St. Peter's helped the family",
        "anyone know if St. Brendan's has a school counselor?",
        "sponsored by a family from St. Volodymyr parish.",
    ],
)
def test_a_saints_name_a_church_or_a_school_is_spoken_of_blocks(text: str) -> None:
    assert "school" in [kind for _, kind in _blocked(text)]


def test_a_saints_hospital_still_warns() -> None:
    found = scan("admitted to St. Luke's psych unit; seen at St. Mary's ER")
    assert [(f.text, f.kind, f.severity) for f in found] == [
        ("St. Luke's", "facility", "warn"),
        ("St. Mary's", "facility", "warn"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mom works at the C-Town on 170th St. Seen here", ("170th St", "address")),
        ("found at the gas station on E 12th St. Caseworker says", ("E 12th St", "address")),
        ("found by transit police at 30th St Station at 1am", ("30th St", "address")),
        ("the shooting on their block on N 5th St. Isaiah's brother", ("Isaiah", "name")),
        ('message to the pediatrician: "Coach Eddie Lott here', ("Coach Eddie Lott", "name")),
    ],
)
def test_numbered_streets_and_a_quoted_coach_block(text: str, expected: tuple[str, str]) -> None:
    assert expected in _blocked(text)


def test_ordinals_that_are_no_street_pass() -> None:
    assert _blocked("came in 5th Pl in the race; her 2nd Dr visit this month") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Son's Instagram is at k.lee.nevermiss. School is out.", "k.lee.nevermiss"),
        ("changed her insta to dj.whitaker_ and it keeps happening", "dj.whitaker_"),
        ("posted on her finsta kenz.ghost that she won't be here", "kenz.ghost"),
        ("proxy login  user mhollister84 viewed the chart", "mhollister84"),
        ('IP 192.0.2.146, display name "zoe_dad_watching", joined', "zoe_dad_watching"),
        ("makes beats as dj_jayceeeee on soundcloud", "dj_jayceeeee"),
    ],
)
def test_handles_said_as_the_writers_said_them_block(text: str, expected: str) -> None:
    assert (expected, "social_handle") in _blocked(text)


def test_platforms_with_words_after_them_pass() -> None:
    assert _blocked("on tiktok to sleep; insta is at night mostly; snapchat to talk") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("want to adopt. Child 'K' is 4, ASQ-3 communication", ["K"]),
        ("Case: 'L' (teen prefers I not use her name)", ["L"]),
        ("Quick notes for the hub: Pt J., 3 yo, lives w mom", ["J."]),
        ("a 16-year-old trans boy I'll call R. who drives in", ["R."]),
        ("new stepdad moved in and X has been raging since. X is 9. Teacher", ["X", "X"]),
    ],
)
def test_a_child_called_by_one_letter_blocks(text: str, expected: list[str]) -> None:
    assert [found for found, kind in _blocked(text) if kind == "initials"] == expected


def test_letters_that_name_a_vitamin_a_plan_or_a_type_pass() -> None:
    text = "Vitamin D is 12. Plan B is fine. Hep B has been given. Type C wants a label."
    assert _blocked(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anxiety, stomachaches. Central counselor calling me weekly.", "Central"),
        ("ASKS IF HE CAN STILL PLAY BALL FOR CENTRAL. CALL BACK", "CENTRAL"),
        ("most recent concussion vs Central Catholic. Now irritable", "Central Catholic"),
        ("NOW BACK AT KNOTT CO CENTRAL. LIVES ON THE RIDGE", "KNOTT CO CENTRAL"),
        ("threatened to shoot up knott central on snap", "knott central"),
    ],
)
def test_a_county_central_school_blocks(text: str, expected: str) -> None:
    assert (expected, "school") in _blocked(text)


def test_central_lines_time_zones_and_regions_pass() -> None:
    text = (
        "from Central America; Central line placed; NEEDS CENTRAL LINE; North Central region; "
        "the central line; (Mountain vs. Central) time; the Statewide Central Registry"
    )
    assert _blocked(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("crying in the locker room. Mustangs go to state in feb", "Mustangs"),
        ("on the Chiefs cross country team at the high school", "Chiefs"),
        ("She's captain of the Starlettes dance team.", "Starlettes"),
        ("14 yo goalie for the Jr. Whalers 14U AA, concussion in Oct", "Whalers"),
    ],
)
def test_a_local_team_by_its_mascot_blocks(text: str, expected: str) -> None:
    assert (expected, "school") in _blocked(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Parents are both engineers at Boeing. Fluvoxamine vs", "Boeing"),
        ("who drives a bus for SEPTA, and her younger brother", "SEPTA"),
        ("I can't miss work again at Parkview, they wrote me up.", "Parkview"),
        ("i cant lose my job at dollar general bc of this.", "dollar general"),
    ],
)
def test_a_parents_employer_said_these_ways_blocks(text: str, expected: str) -> None:
    assert (expected, "name") in _blocked(text)


def test_where_patients_and_clinicians_are_is_no_employer() -> None:
    found = scan("they are patients at Mercy; parents are both physicians at KU Med")
    assert [f.kind for f in found] == ["facility", "facility"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shared them with the school psychologist Ray Ocampo at the IEP", "Ray Ocampo"),
        ("She said the school psychologist, Ms. Ulibarri, actually listened", "Ms. Ulibarri"),
        ("Re: absences\n\nDear provider, Jazmín has been absent 19 days", "Jazmín"),
    ],
)
def test_school_staff_and_a_child_after_a_greeting_block_as_names(text: str, expected: str) -> None:
    assert (expected, "name") in _blocked(text)


def test_a_greeting_after_a_role_is_no_name() -> None:
    assert scan("Letter from the school psychologist: 'Dear team, the testing is done'") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("family staying at the Budget Inn in Harlan rm 112 now.", ("rm 112", "address")),
        ("lives w/ aunt in unit 4B at the Delta Manor apts on Church St.", ("unit 4B", "address")),
        ("11 yo from the labor camp near Granger, Camp 4 unit 12. sleeps", ("unit 12", "address")),
        ("Youth housed in Unit C, Bed 14 at the juvenile detention center", ("Bed 14", "address")),
        ("parked at the packing shed on Rd 160. 12 yo f", ("Rd 160", "address")),
        ("from the trailer court, lot 9, off avenue 12 in madera", ("avenue 12", "address")),
        ("preschool: Bright Beginnings on Genesee. speech delay", ("Genesee", "address")),
        ("7 yo m, daycare (Kiddie Kampus on Oak) expelled him", ("Oak", "address")),
    ],
)
def test_a_room_where_a_family_lodges_and_streets_said_short_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_rooms_doses_and_days_that_are_no_address_pass() -> None:
    assert _blocked("at the shelter she shared a room with 4 kids; 2.5 mg at bedtime") == []
    assert _blocked("the unit 3 nurses at the hospital said he slept") == []
    assert _blocked("seen at the Mercy Clinic on Tuesday for a rash") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("suspended from Hickory Flat HS last week", "Hickory Flat HS"),
        ("5 yo boy at salt lick daycare, biting + hitting", "salt lick daycare"),
        ("bullying at Dry Ridge middle. phq-a 18", "Dry Ridge middle"),
        ("grace dropping out of Red Oak high to care for her", "Red Oak high"),
        ("EAGLE ROCK SCHOOL DISTRICT OFFICE OF STUDENT SERVICES", "EAGLE ROCK SCHOOL"),
        ("1st grade at Wapato's camas elem. hitting", "camas elem"),
        ("refusing school at kika de la garza elem. he's 9", "kika de la garza elem"),
        ("anxiety/depression. school (Ozark Mtn high) doing homebound", "Ozark Mtn high"),
        ("kicked off the bus and the school (jfk middle) wants a meeting", "jfk middle"),
        ("4 yo, mute at daycare (rayito de sol), talks at home", "rayito de sol"),
        ("expelled from head start (Toppenish Learning Ctr) for biting", "Toppenish Learning Ctr"),
        ("No duerme. Escuela: PSJA North. Tío trabaja", "PSJA North"),
    ],
)
def test_schools_named_for_their_land_typed_short_or_in_spanish_block(
    text: str, expected: str
) -> None:
    assert (expected, "school") in _blocked(text)


def test_landforms_and_levels_that_name_no_school_pass() -> None:
    assert _blocked("she swam in the lake high on the mountain; last spring high school") == []
    assert _blocked("the peer-support program at school (Hope Squad) is how he knew") == []
    assert _blocked("she is at the new elem this year") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dexcom g6 tx id 8M4QJT. mom says he's bolusing", ("8M4QJT", "device")),
        ("CGM tx 4Q9W2R fell off at recess", ("4Q9W2R", "device")),
        ("Maestra preocupada. Expediente 40-1192, tel", ("40-1192", "mrn")),
    ],
)
def test_a_transmitters_id_and_a_spanish_record_number_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_texas_before_its_zip_and_a_treatment_are_no_device() -> None:
    assert ("78041", "zip") in _blocked("they moved to Laredo, TX 78041 in june")
    assert not any(kind == "device" for _, kind in _blocked("moved to Laredo, TX 78041 in june"))
    assert _blocked("Tx 12 weeks of CBT then reassess") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quick q re: tate (tatum) mcbride, 8 - pump is medtronic", ("mcbride", "name")),
        ("joey (joseph) ramirez-gill 10m // lives w/ dad", ("ramirez-gill", "name")),
        (
            "base housing at Ft. Carver, 2218-B Liberty Loop. Son",
            ("2218-B Liberty Loop", "address"),
        ),
    ],
)
def test_a_family_name_after_a_bracketed_name_and_a_duplex_number_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_drug_in_brackets_and_a_borough_are_no_family_name_nor_street() -> None:
    assert _blocked("Maya (sertraline) dose 25 mg") == [("Maya", "name")]
    assert ("Staten Island", "address") not in _blocked("counselor at IS 61 on Staten Island")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("foster family on Blackwater Way. Bio mom is in treatment", ("Blackwater Way", "address")),
        ("they live off Quarry Place now", ("Quarry Place", "address")),
        ("School: Cedar Bluff. She is 14.", ("Cedar Bluff", "school")),
    ],
)
def test_a_way_or_place_after_on_and_a_school_field_named_for_the_land_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_the_milky_way_and_a_school_fields_sentence_pass() -> None:
    assert _blocked("we talked about the stars on the Milky Way") == []
    assert _blocked("School: Very Good. He is fine.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "shot in leg 2 mo ago at 63rd & Halsted, now hypervigilant",
            ("63rd & Halsted", "address"),
        ),
        ("They live near Delancey and 5th in Kittredge.", ("Delancey and 5th", "address")),
        ("lives w/ tia on 183rd st by the grand concourse", ("183rd st", "address")),
        ("mom Tasha stays at Pacific Garden Mission w/ her", ("Pacific Garden Mission", "address")),
        (
            "Family lives in Comanche Village III housing, 5102B",
            ("Comanche Village III", "address"),
        ),
        ("both in foster w/ the Bowmans in Lame Deer", ("Bowmans", "name")),
        ("12 yo m, Fernando 'Nando' Gutiérrez, lives in a trailer", ("Nando", "name")),
        ('niña 7 años, Guadalupe ("Lupita") Treviño, mutismo', ("Treviño", "name")),
        ("Name: Abdirahman, Hodan | MRN 7782-10-4412 | Room 12", ("7782-10-4412", "mrn")),
        ("tandem pump sn 1184-2290-TX, dexcom g7 rcvr id 8JQ4-MM2K.", ("8JQ4-MM2K", "device")),
        ("- foster placement #4\n- DCFS case 1009-4482-17\n", ("1009-4482-17", "account")),
    ],
)
def test_corners_missions_housing_households_nicknames_and_numbers_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_grades_heart_blocks_bases_years_and_teams_are_no_place_nor_family() -> None:
    assert _blocked("Sam and 5th graders; between 4th and 5th grade") == [("Sam", "name")]
    assert _blocked("BP 100-120/50-60s HR 60s 1st AV block. PAD 22-26") == []
    assert ("Fort Cavazos", "address") not in _blocked("She is at Fort Cavazos housing now")
    assert _blocked("they live in military housing, before that public housing") == []
    assert _blocked("the case 2019-2020 school year; 2019-07-14 is a date") == [
        ("2019-07-14", "date")
    ]
    assert _blocked("the fight at the Diamondbacks game after lunch with the Smiths") == [
        ("Smiths", "name")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "transferred from St. Ignatius to Cleveland Heights High mid-year",
            ("St. Ignatius", "school"),
        ),
        (
            "Lives at 4120 Mesa St, unit 212 (Las Palmas apts), El Paso.",
            ("Las Palmas apts", "address"),
        ),
        ("junior at poly, goes by 'smoke', real name on chart is", ("smoke", "name")),
    ],
)
def test_the_school_a_child_left_apartments_typed_short_and_a_quoted_nickname_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_moving_between_rooms_and_towns_names_no_school() -> None:
    assert _blocked("he moved from the couch to his bed at night") == []
    assert ("Dallas", "school") not in _blocked("they moved from Dallas to Lincoln High last year")
    assert _blocked("won't get out of bed, won't go to school") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sbhc at marshall: 13f, mom's bf moved in", ("marshall", "school")),
        ("sbhc, franklin hs: 15m, binding 12h/day", ("franklin hs", "school")),
        ("the viral video one, school is MS 302 now, she refuses", ("MS 302", "school")),
        (
            "RV park lot 22. Expulsado de Memorial Middle por vender vapes.",
            ("Memorial Middle", "school"),
        ),
        (
            "3 daycares kicked him out, last one Little Stars on 79th\n- Q: dose?",
            ("79th", "address"),
        ),
    ],
)
def test_the_school_a_health_center_is_at_numbered_schools_and_streets_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_health_centers_note_and_its_hours_name_no_school() -> None:
    assert _blocked("sbhc at lunch: kid came in crying; SBHC: ASQ positive, denies plan") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marisol Peña (MRN 22-08-4471) and her twin", ("22-08-4471", "mrn")),
        ("his best friend died in the rollover on hwy 54. Now", ("hwy 54", "address")),
        (
            "implante coclear (AB Naída, número de serie 1702-4455-19), la",
            ("1702-4455-19", "device"),
        ),
        ("ideación sin plan. va a Desert Shadows Middle. Q:", ("Desert Shadows Middle", "school")),
    ],
)
def test_a_record_number_with_no_year_roads_serials_and_schools_said_these_ways_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_dates_with_a_year_are_still_dates() -> None:
    assert _blocked("DOB 22-08-2011; seen 3-4-25") == [("22-08-2011", "date"), ("3-4-25", "date")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the blue trailer at Riverbend MHP sp 31 in Aberdeen", ("Riverbend MHP", "address")),
        ("in the blue trailer at Riverbend MHP sp 31 in Aberdeen", ("sp 31", "address")),
        ("foster mom Ms. Gwendolyn Price on S Cottage Grove. DCFS", ("S Cottage Grove", "address")),
        ("mamaw has custody, lives w/ her up bear wallow rd past", ("bear wallow rd", "address")),
        ("11 yo girl, Aaliyah 'Lee-Lee' Ticket, lives in", ("Ticket", "name")),
    ],
)
def test_mobile_home_parks_sides_of_town_hollow_roads_and_quoted_nicknames_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_sides_bacteria_and_a_date_label_after_a_nickname_pass() -> None:
    assert _blocked("kids on W Side; she is on E coli precautions") == []
    assert ("DOB", "name") not in _blocked('Child: Jonathan Reyes ("Johnny") DOB: 2009-02-28')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12 yr old girl at the academy on 5th (the charter) - principal",
            ("academy on 5th", "school"),
        ),
        (
            "goes to 'the magnet on Alameda' (Ysleta Middle). cutting",
            ("magnet on Alameda", "school"),
        ),
        (
            "her church (Marshallese Assembly of God) says",
            ("Marshallese Assembly of God", "school"),
        ),
        ("Lives at the Sunset Motel room 12 on Main. Q: safe", ("Main", "address")),
        ("at the Pinewood Motor Inn rm 14 on Rt 9 since the fire", ("Rt 9", "address")),
        ("staying at aunt Bev's on Avenue K. Q: PTSD screen?", ("Avenue K", "address")),
        ("lives w/ unci in Wanblee, house off BIA Rt 27", ("BIA Rt 27", "address")),
        ("Lives Riverside Plaza tower C apt 1407. Autism eval", ("apt 1407", "address")),
    ],
)
def test_schools_by_their_street_congregations_and_roads_after_a_home_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_school_on_a_weekday_is_no_street() -> None:
    assert _blocked("the school on Monday called; the daycare on time") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Over the last year has asked to be called Hoku at school.", ("Hoku", "name")),
        ("Hola doctora, soy Yesenia, la mamá de Aroha. La nena no quiere", ("Aroha", "name")),
        ("To the parents of Oliver Nakamura: On February 4 the", ("Oliver Nakamura", "name")),
        ("16M, goes by anahí, found w/ a gun", ("anahí", "name")),
    ],
)
def test_a_name_one_is_called_by_and_the_child_of_a_parent_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_country_after_are_from_and_a_county_after_partners_of_are_no_child() -> None:
    assert _blocked("Los padres son de Venezuela, muy educados") == []
    assert ("Greene", "name") not in _blocked(
        "care coord, Community Care Partners of Greene County"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mamaw says shes sneakin snickers at the bus stop on ky 1012 and", ("ky 1012", "address")),
        ("wrecked mamaw's truck on us 23 and left the scene", ("us 23", "address")),
        ("Was at Sharyland, now at Taylor Elem. Q: clonidine", ("Sharyland", "school")),
        ("6 yo m, 'Peanut', ex-24 wkr, lives w/ great-grandma", ("Peanut", "name")),
        ('SBHC\n- 14yo M, "Chuy" per friends\n- got jumped', ("Chuy", "name")),
        ("Tengo a 'Chuy' (Jesús Armando Luna), 16, en probation", ("Chuy", "name")),
    ],
)
def test_state_routes_typed_short_a_school_left_and_nicknames_in_quotes_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_days_on_us_and_words_in_quotes_said_of_a_child_pass() -> None:
    assert _blocked("he was on us 2 days ago; she was at 5 mg; was at home, now at school") == []
    assert _blocked("12 yo f, \"Depressed\" per mom; 15 yo, 'Stable' on sertraline") == []


@pytest.mark.parametrize(
    "text",
    [
        "hi dr its Crystal, Hunter got sent home from Eagle Ridge again, he threw a chair.",
        "11yo Marquise Bell, shot in the leg outside Sumner Elem on 10/2, the one on the news",
    ],
)
def test_the_school_a_child_was_sent_home_from_or_hurt_outside_blocks(text: str) -> None:
    assert any(kind == "school" for _, kind in _blocked(text))


def test_sent_home_from_the_er_and_expelled_from_head_start_name_no_school() -> None:
    assert _blocked("sent home from the ER after sutures; expelled from Head Start") == []


def test_vanderbilt_by_its_nickname_a_subscale_a_spanish_verb_and_ninos_typed_plain_pass() -> None:
    assert _blocked("can i add cyproheptadine? vandy parent 8/9, teacher vandy 6/9") == []
    assert _blocked("Vanderbilt ODD items 6/8, conduct 2/15. Mom works 2 jobs") == []
    assert _blocked("embarazada, PHQ-A 15. Toma sertralina 50 desde enero.") == []
    assert _blocked("nina 9 anos, tics vocales; nino 7 anos, vanderbilt 7/9") == []
    assert _blocked("Nina is 9 and her brother Nino, 7, live with mom") == [
        ("Nina", "name"),
        ("Nino", "name"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "nino 11, Brayan, still wetting. school = Garza Elem in La Joya",
            ("Garza Elem", "school"),
        ),
        (
            "now terrified to walk to bus at the turnoff on BIA rte 15 near",
            ("BIA rte 15", "address"),
        ),
        ("Home: Navajo Route 36, Hse 14, lives with", ("Navajo Route 36", "address")),
        (
            "- runaway x3 since Aug, found at the Big Horn motel in Hardin",
            ("Big Horn motel", "address"),
        ),
    ],
)
def test_a_school_field_typed_with_equals_tribal_routes_and_motels_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_dash_after_school_inside_a_sentence_and_nino_with_his_age_are_no_name() -> None:
    assert _blocked('aid Mamaw will "fall out" while she is at school - Mamaw is ill') == []
    assert ("nino", "name") not in _blocked("follow up: nino 11, Brayan, still wetting")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("same kid as last wk, Nkosana, dexcom G7 8R4TQ2 keeps alarming", ("8R4TQ2", "device")),
        (
            "lives at Whispering Pines lot 31 off Vantage Hwy",
            ("Whispering Pines lot 31", "address"),
        ),
        (
            "lives w mamaw on lower right fork rd past the church",
            ("lower right fork rd", "address"),
        ),
        ("no quiere ir a la escuela. SCARED 41. exp. 18-22046. q:", ("18-22046", "mrn")),
    ],
)
def test_a_cgm_id_after_its_model_a_parks_lot_a_three_word_road_and_exp_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_cgm_reading_a_parking_lot_and_a_school_year_pass() -> None:
    assert _blocked("on dexcom G7 since 2023, CGM shows 180s; libre 3 BG 250") == []
    assert _blocked("Parking lot 3 was full; the exp 2 wks; exp 2024-2025 school year") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lo agarraron en la secundaria Memorial de Eagle Pass. mom", ("Memorial", "school")),
        (
            "vive en Weslaco. escuela: mary hoge middle. q: outpatient ok",
            ("mary hoge middle", "school"),
        ),
        ("Q: attachment vs ADHD? Vanderbilt 6/9 inatt. Chart MTK 40921.", ("40921", "mrn")),
    ],
)
def test_a_spanish_level_before_a_name_a_typed_school_field_and_a_five_digit_chart_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- omnipod 5, PDM 4300-1128-77 - a1c 10.4, missing boluses", ("4300-1128-77", "device")),
        ("f/u on 15 yo, 4471-2290-03 in our system. PHQ-A 18", ("4471-2290-03", "account")),
        ("SBHC Eastside HS: 17 yo M, says a man in a white truck", ("Eastside HS", "school")),
        ("they live on the farm north of Gothenburg off rd 760. phq-a 12.", ("rd 760", "address")),
    ],
)
def test_a_pumps_controller_a_number_kept_in_the_system_and_short_roads_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_the_road_to_recovery_and_an_sbhc_team_pass() -> None:
    assert _blocked("the road 2 recovery; on the road 3 times; SBHC Team meets") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 yo m, trevor, got in a fight at the tipple", ("trevor", "name")),
        ("f/u: 13 yo boy (owen), fluoxetine 20 since August", ("owen", "name")),
        ("mom says one is fine, other one (piper) cutting now", ("piper", "name")),
        ("15yo m, Jesús 'Chuy' Garza, picked up by Border Patrol", ("Jesús", "name")),
        ("re lc-20418 13yo m in lost creek, phq-a 19", ("lc-20418", "mrn")),
        ("re: 448120-3 from last week (the 6 yo w/ the phobia)", ("448120-3", "mrn")),
        ("pt 4481-A, 16, d/c from the crisis unit", ("4481-A", "mrn")),
        ("page 555-0148. clonidine 0.1 hs", ("555-0148", "phone")),
        ("mom Krystal Dunaway 555-0108. school wants a note", ("555-0108", "phone")),
    ],
)
def test_typed_names_by_the_age_re_and_pt_numbers_and_bare_phones_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("both kicked out of tri-county head start the same week", "tri-county head start"),
        ("2nd grader at whispering pines charter, 7yo", "whispering pines charter"),
        ("transferring to oak valley alternative. school psych", "oak valley alternative"),
        ('IEP letter:\n"DESERT WILLOW UNIFIED SCHOOL DISTRICT\nServices', "DESERT WILLOW UNIFIED"),
        ('Pasting the school letter:\n"Coahoma County Sch. District\nRe:', "Coahoma County Sch."),
        ("jumped walking home from the Boys & Girls Club on Elm.", "Boys & Girls Club on Elm"),
        ("10 yo, after-care at the Pecan St YMCA, staff say", "Pecan St YMCA"),
    ],
)
def test_schools_typed_in_lower_case_shouted_districts_and_clubs_by_street_block(
    text: str, expected: str
) -> None:
    assert any(kind == "school" and expected in value for value, kind in _blocked(text))


def test_conditions_after_the_age_early_head_start_and_a_day_at_the_y_pass() -> None:
    assert _blocked("15 yo, encopresis, smearing. 9 yo f, asd, nonverbal. 14 yo m, adhd, odd") == []
    assert _blocked("Enrolled in early head start. change to formulary alternative") == []
    assert _blocked("she goes to the YMCA on Monday; re: 12-14 call; Re: B12 level") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JR 40-22817\n10yo m, encopresis back since parents split", ("40-22817", "mrn")),
        ("KTHC 2017-3382-14: 12 yo girl in a village of 300", ("2017-3382-14", "mrn")),
        ("re K.W. 4471-083 - still on waitlist at the CMHC", ("4471-083", "mrn")),
        ("Pt Iker, 15, CSF 2022 00457. His father is", ("2022 00457", "mrn")),
        ("RJ 61149 - mom no-showed again.", ("61149", "mrn")),
        ("callback later, re Kaylee (6y, 77120-4) - the girl", ("77120-4", "mrn")),
        ("Micah is 8 (22190-6), ADHD on Focalin XR 10.", ("22190-6", "mrn")),
        ("16 yo at ramah (pt 40-2281), went to wingate before", ("40-2281", "mrn")),
        ("phq-a 21. her name mariana. mom on her way.", ("mariana", "name")),
        ("16 yo boy from Roma, plays for the Gladiators, cousin", ("Gladiators", "school")),
        ("mom works at the HEB on Saunders. hay PCIT", ("Saunders", "address")),
        ("something going on in that flat on Vernor?", ("Vernor", "address")),
        ("now attending Sacred Heart in Douglas instead of public", ("Sacred Heart", "school")),
    ],
)
def test_numbers_after_initials_or_a_clinics_letters_and_places_by_their_street_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_codes_ranges_pharmacy_numbers_and_programs_one_enrolls_in_pass() -> None:
    assert _blocked("CPT 99214-25 billed; HR 110-139; BP 110/70; NDC 50090-2871; GAD 7") == []
    assert _blocked("Rx BIN 610014 PCN ADV; bridge PIN 44817; STV 500-1000 noted") == []
    assert _blocked("scared to enroll in Medi-Cal; he plays for the Kids; her name tag") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her CGM transmitter (tx 8FTW19) was taken away", ("8FTW19", "device")),
        ("hub case 22-0931: 15 yo, cutting again", ("22-0931", "mrn")),
        ("12 yo boy at Tohatchi, mom says he's been on the news", ("Tohatchi", "school")),
    ],
)
def test_a_transmitter_in_brackets_a_case_number_and_the_town_a_child_is_at_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_texas_treatment_and_a_case_of_a_range_pass() -> None:
    assert _blocked("moved from TX 2 yrs ago; tx 3 months; in case 10-12 kids show up") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Breckenridges called again, their 15 yo got caught", ("Breckenridges", "name")),
        ("staying w/ a friend's family (the Redhorses) in town", ("Redhorses", "name")),
        (
            "dad works away on the Bakken Hills Drilling crew 2 wks on",
            ("Bakken Hills Drilling", "name"),
        ),
        ("dad works 2nd shift at marathon cheese so hard to reach", ("marathon cheese", "name")),
        ("the 15 yo from last week (R.M., 40-7781) was admitted", ("40-7781", "mrn")),
        ("k.m. (44-20871) 11yo. posts dropping off", ("44-20871", "mrn")),
        ("Update: J.R. (#55-20931) from the Whitefish case.", ("55-20931", "mrn")),
        ("BHC note, Sandhill City clinic (22-40817): 14 yo boy", ("22-40817", "mrn")),
    ],
)
def test_families_no_list_knows_employers_and_numbers_set_off_after_initials_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_a_states_program_brands_generic_supplies_and_ranges_in_brackets_pass() -> None:
    assert _blocked("the slide with the Arkansas Medicaid rules; plays with the Legos") == []
    assert (
        _blocked("Swiss Cheese model; the Medical Supply store; works at the tribal casino") == []
    )
    assert _blocked("platelets (150-400), doses (500-1000), ages (13-17), (2019-2020)") == []


def test_a_school_named_for_a_run_blocks_and_a_school_run_by_a_tribe_does_not() -> None:
    assert ("Lick Run Elementary", "school") in _blocked("School nurse, Lick Run Elementary.")
    assert _blocked("she goes to a Tribally-run school; a Faith-based daycare") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "travel baseball w/ Northside Titans; dad coaches the team",
            ("Northside Titans", "school"),
        ),
        (
            "starting pitcher for the pine valley bobcats, the one",
            ("pine valley bobcats", "school"),
        ),
        ("kt (16) - Granite Bend Raiders qb, concussion", ("Granite Bend Raiders", "school")),
        ("RE: T.O. / 7719-22 / seen 10-09 & 10-23", ("10-23", "date")),
        ("RE: T.O. / 7719-22 / seen 10-09 & 10-23", ("7719-22", "mrn")),
        ("level 0.3 on admit 11-6. dx BPI.", ("11-6", "date")),
        ("transfer 11.06 from the crisis unit to the BH floor", ("11.06", "date")),
        ("B.O. f/u 3-1, in the portal log", ("3-1", "date")),
        ("nexplanon lot U014982 placed last year", ("U014982", "device")),
    ],
)
def test_teams_by_their_mascot_cued_month_days_and_an_implants_lot_block(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in _blocked(text)


def test_hours_pro_teams_and_follow_ups_in_weeks_pass() -> None:
    assert _blocked("Pharmacy hours M-F 9-7, Sat 9-1. Fax reply OK.") == []
    assert _blocked("f/u 2-3 wks; seen 1.5 hrs; ED 2-3 times; f/u 10.5 kg; vaccine lot 4471A") == []
    assert _blocked("we watched the Philadelphia Eagles; Golden State Warriors won") == []


def test_an_early_learning_center_and_a_school_opening_a_sentence_block() -> None:
    assert ("Tender Years ELC", "school") in _blocked("called by the dir. at Tender Years ELC")
    text = "Dear doctor,\n\nMeadowlark Elementary requests your input for the IEP"
    assert ("Meadowlark Elementary", "school") in _blocked(text)
    assert _blocked("Upper Elementary is hard. Public Elementary kids. Elementary school") == []
