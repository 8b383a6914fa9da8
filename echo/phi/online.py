"""Online identifiers: email addresses, web addresses (public health sites excepted), IP
addresses and social media handles."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.lexicon import english, is_word
from echo.phi.priority import Priority
from echo.phi.text import Document, at_word_starts
from echo.phi.vocabulary import FUNCTION_WORDS, word_set

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_URL = re.compile(
    r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]]+"
    r"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|io|us|info|biz)\b"
    r"(?:/[^\s<>\"'()\[\]]*)?"
    # short links and channels typed without "https://": "youtu.be/Qx7b", "twitch.tv/kyler"
    r"|(?<![@\w.-])(?:youtu\.be|twitch\.tv|t\.me|bit\.ly|linktr\.ee|discord\.gg|tiktok\.com|"
    r"instagram\.com|facebook\.com|fb\.me|x\.com)/[^\s<>\"'()\[\]]+"
    # any other domain, with a path after it: "twitch.example.tv/lunaknightplays",
    # "example.news/2024/boy-saves" (a dose per unit has no dotted name before the slash)
    # (typed in lower case: "STABLE.NITRO/AGGRESTAT", "0.3MG.KG/HR" are notes, not links)
    r"|(?-i:(?<![@\w.-])[a-z][a-z0-9-]{1,61}\.(?:[a-z0-9-]{1,63}\.)*"
    r"(?:tv|me|co|ly|io|app|dev|news|site|page|link|live|us|uk|ca|gg|ee|be|fm|to|ai|xyz|online|"
    r"store|shop|blog|social|media|video|school|health|care|church|club|team|gov|mil|edu|"
    # the names RFC 2606 keeps for examples and tests, which shared and teaching texts use
    r"example|test)"
    r"/[\w%?=&#.~+/-]*[\w/])"
)
_PUBLIC_DOMAINS = re.compile(
    r"(?i)(?:^|\.)(?:[a-z0-9-]+\.gov|aap\.org|healthychildren\.org|aacap\.org|988lifeline\.org|"
    r"nami\.org|zerotothree\.org|thetrevorproject\.org|childmind\.org|nctsn\.org|"
    r"brightfutures\.aap\.org|projectecho\.org|who\.int|gottransition\.org|chadd\.org|"
    r"understood\.org|kidshealth\.org|autismspeaks\.org|jedfoundation\.org|afsp\.org|"
    r"crisistextline\.org)$"
)
# "court.gov/hearings/24-7-00612-32": a case's own page on a public site.
_CASE_IN_PATH = re.compile(
    r"(?i)/(?:cases?|dockets?|hearings?|filings?|records?|portal|clients?|members?|patients?)"
    r"\b[^\s]*\d"
)
_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)"
)
_IPV6 = re.compile(
    r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){1,6}(?![\w:])"
)


_MESSAGE_WORDS = word_set(
    "msg msgs dm dms pic pics vid vids txt txts convo convos streak streaks acct pm pms"
    # what happened there ("Snapchat sextortion")
    " sextortion sexting catfished catfishing grooming cyberbullying harassment nudes"
)
_HANDLE = re.compile(
    r"(?<![\w@.])@(?=[A-Za-z0-9_.]*[A-Za-z_])[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])"
)
_DOSE_OR_TIME = re.compile(r"(?i)@?[\d.]+\s*[a-z]{0,6}")
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_HANDLE_CONTEXT = at_word_starts(
    re.compile(
        r"(?i)\b(?:instagram|insta|ig|snapchat|snap|tiktok|twitter|discord|roblox|xbox|psn|"
        r"gamertag|username|user\s+name|screen\s*name|handle|login|fortnite|minecraft|youtube|twitch|"
        r"steam|vsco|bereal|kik|telegram|whatsapp|threads|tumblr|reddit|pinterest|finsta|"
        r"soundcloud)\b\s*"
        # "on Xbox (gamertag BmoreDeuce410)": the label in the bracket before the name
        r"(?:\(\s*(?=(?:user\s*name|handle|gamertag|tag|id)\b))?"
        # ("her TikTok is at cheer.with.nia", "changed her insta to dj.whitaker_")
        r"(?:user\s*name|handle|name|account(?:\s+name)?|id|gamertag|tag)?\s*"
        r"(?:is\s+at|is|:|-|=|to|at)?\s*"
        r"[\"'\u201c(]?"
        r"(?P<id>[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_]))(?!['\u2019]\w)"  # not "isn't"
    )
)
# "posts as kayla_k09 on tiktok", "his youtube channel MaxGamesHD": a name that looks made
# up for a platform (an underscore or dot, digits in letters, capitals inside), after "as",
# "channel", "account", "page", "called" in a text that names a platform.
_HANDLE_NAMED = re.compile(
    r"(?i:\b(?:posts?|posting|goes|going|known|streams?|streaming|streamer|plays?)\s+"
    r"(?:online\s+)?as"
    r"|\b(?:on|in)?\s*(?:roblox|youtube|tiktok|twitch|discord|minecraft|fortnite|xbox|insta(?:gram)?|"
    r"snap(?:chat)?|twitter|bereal|vsco|kik|reddit|facebook)\s+as"
    r"|\b(?:channel|account|page|profile|server)(?:\s+(?:is|was|called|named))?)\s+"
    r"[\"'\u201c]?(?P<id>[A-Za-z][A-Za-z0-9_.]{2,28}[A-Za-z0-9_])"
)
# "his account is kaleb_skates_406", "from account j.moreau27", "my user there is vxidwalker":
# the name of an account, said as such. Without a platform named nearby only a name that looks
# made up counts ("from her account yakama.girl.509", not "account is overdue").
_ACCOUNT_NAMED = re.compile(
    # ("proxy login user mhollister84", 'display name "zoe_dad_watching"')
    r"(?i:\b(?:account|acct|user|username|login(?:[ \t]+user)?|profile|display[ \t]+name)"
    r"(?:[ \t]+(?:there|name|handle))?"
    r"(?:[ \t]+(?:is|was|=)|[ \t]*:)?"
    r"|\b(?:logged|signed)[ \t]+(?:in|on)[ \t]+(?:under|as))[ \t]+[\"'\u201c]?"
    r"(?P<id>[A-Za-z][A-Za-z0-9_.]{2,28}[A-Za-z0-9_])(?![\w@-])"
)
_ACCOUNT_WORDS = word_set("account acct user username login profile logged signed display")
# "posts as u/quietlilac04": a Reddit user (not "r/", a forum).
_CASHTAG = re.compile(r"(?<![\w$])\$[A-Za-z][A-Za-z0-9_-]{2,19}(?![\w-])")
_DOLLAR_LETTER = re.compile(r"\$[A-Za-z]")
_SPANISH_WORDS = word_set("hasta desde todo toda cuando porque pero para con sin por que mucho")
_REDDIT_USER = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}\b")
_MADE_UP = re.compile(r".*(?:[_.]|[A-Za-z]\d|\d[A-Za-z]|[a-z][A-Z]).*")
_IPV4_HINT = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
# An IPv6 address is compressed ("::") or has hex groups between colons (times do not).
_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
_URL_HINT = re.compile(  # (every branch opens with a plain character: see echo.phi.text)
    r"://|W(?i:ww)\.|w(?i:ww)\.|\.(?i:com|org|net|edu|gov|io|us|info|biz)\b|\.(?i:[a-z]{2,7})/"
)
_PLATFORM_WORDS = word_set(
    """instagram insta ig snapchat snap tiktok twitter discord roblox xbox psn gamertag username
    user screen screenname handle login fortnite minecraft youtube twitch steam vsco bereal kik
    telegram whatsapp threads tumblr reddit pinterest streamer facebook finsta soundcloud"""
)
# "find her on insta, bella_b": in a text that names a platform, a word with an underscore
# is a handle (clinical text has none).
# "lunamoth#0427": a Discord name with its four-digit tag.
_AT_SIGN = re.compile("@")
_DISCORD_HINT = re.compile(r"#\d{4}")
_DISCORD_TAG = re.compile(r"(?<![\w@#])[A-Za-z][A-Za-z0-9_.]{1,31}#\d{4}(?!\w)")
# "plugg.kyle606": a dotted name with digits, where a platform is named.
_DOTTED_HANDLE = re.compile(
    r"(?<![\w@./])[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9.]*\d[A-Za-z0-9]*(?![\w@/]|\.[A-Za-z])"
)
_UNDERSCORED = re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z0-9.]*_[A-Za-z0-9._]*[A-Za-z0-9](?![\w@])")


def find(doc: Document) -> Iterator[Hit]:
    yield from _addresses(doc)
    yield from _handles(doc)


def _addresses(doc: Document) -> Iterator[Hit]:
    """Email, web and IP addresses."""
    text = doc.text
    for m in doc.find_around(_EMAIL, _AT_SIGN, 64, 120):  # RFC 5321: local part <= 64
        yield Hit(m.start(), m.end(), "email", Priority.EMAIL, SUGGESTIONS["email"])
    # a web address has a scheme, "www." or a known ending: read only around one
    for m in doc.find_around(_URL, _URL_HINT, 120, 200):
        url = m.group().rstrip(".,;:!?)]}'\"")
        host = re.sub(r"(?i)^(?:(?:https?|ftp)://)?", "", url).split("/")[0].split(":")[0]
        path = url[url.find(host) + len(host) :]
        if (_PUBLIC_DOMAINS.search(host) and not _CASE_IN_PATH.search(path)) or "@" in url:
            continue  # a public page; not one a court or an agency keeps for one case
        yield Hit(m.start(), m.start() + len(url), "url", Priority.URL, SUGGESTIONS["url"])
    ips = ((_IPV4,) if doc.holds(_IPV4_HINT) else ()) + (
        (_IPV6,) if "::" in text or doc.holds(_IPV6_HINT) else ()
    )
    for rx in ips:
        for m in rx.finditer(text):
            yield Hit(m.start(), m.end(), "ip", Priority.IP_ADDRESS, SUGGESTIONS["ip"])


def _handles(doc: Document) -> Iterator[Hit]:
    """Social media handles: "@sk8rgirl" (not a dose or a time: "@1400"), "snapchat:
    sk8rgirl"."""
    text = doc.text
    suggestion = SUGGESTIONS["social_handle"]

    def near_platform(rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The rules that need a platform's name look only near one."""
        return doc.find_near(rx, _PLATFORM_WORDS, 80, 80)

    for m in doc.find_around(_HANDLE, _AT_SIGN, 1, 40):
        handle = m.group()
        if (
            _DOSE_OR_TIME.fullmatch(handle)
            or is_word(handle[1:].lower())
            or (handle[1:].isupper() and not any(c in handle for c in "_."))
        ):
            continue
        yield Hit(m.start(), m.end(), "social_handle", Priority.HANDLE, suggestion)
    platform = doc.near(_PLATFORM_WORDS, 80, 80)
    for m in doc.find_near(_ACCOUNT_NAMED, _ACCOUNT_WORDS, 2, 60):
        handle = m.group("id")
        low = handle.lower()
        named = any(s <= m.start() < e for s, e in platform)
        if low in english() or low in FUNCTION_WORDS or handle.endswith("."):
            continue
        # near a platform, any word no dictionary has, not a capitalised one ("user is Medicaid")
        typed = named and len(handle) > 5 and not handle[0].isupper()
        if re.search(r"[A-Za-z][_.]?\d|[_.][A-Za-z]", handle) or typed:
            yield Hit(
                m.start("id"), m.end("id"), "social_handle", Priority.HANDLE_IN_CONTEXT, suggestion
            )
    for m in near_platform(_HANDLE_NAMED):
        if _MADE_UP.fullmatch(m.group("id")) and not m.group("id").endswith("."):
            yield Hit(
                m.start("id"), m.end("id"), "social_handle", Priority.HANDLE_IN_CONTEXT, suggestion
            )
    for m in doc.find_around(_CASHTAG, _DOLLAR_LETTER, 1, 24):
        # "cashapp ($TashaG4Kids)": a Cash App $cashtag, made up or named as one
        if (
            _MADE_UP.fullmatch(m.group()[1:])
            or "cash" in text[max(0, m.start() - 30) : m.start()].lower()
        ):
            yield Hit(m.start(), m.end(), "social_handle", Priority.HANDLE, suggestion)
    for m in _REDDIT_USER.finditer(text) if "u/" in text else ():
        yield Hit(m.start(), m.end(), "social_handle", Priority.HANDLE, suggestion)
    for m in doc.find_around(_DISCORD_TAG, _DISCORD_HINT, 34, 8):
        yield Hit(m.start(), m.end(), "social_handle", Priority.HANDLE, suggestion)
    for m in near_platform(_DOTTED_HANDLE):
        yield Hit(m.start(), m.end(), "social_handle", Priority.HANDLE_IN_CONTEXT, suggestion)
    for m in near_platform(_UNDERSCORED) if "_" in text else ():
        yield Hit(m.start(), m.end(), "social_handle", Priority.HANDLE_IN_CONTEXT, suggestion)
    for m in near_platform(_HANDLE_CONTEXT):
        handle = m.group("id")
        if handle.lower() in english() or handle.lower() in FUNCTION_WORDS:
            continue
        if handle.lower() in _MESSAGE_WORDS or handle.lower() in _SPANISH_WORDS:
            continue  # "snap msgs w/ older guy", "en tiktok hasta las 3am": no handle
        if _DOSE_OR_TIME.fullmatch(handle) or not re.search(r"[A-Za-z]", handle):
            continue  # "tiktok 2.5 hrs a day", "instagram 1.5h"
        if len(handle) < 4 and not _MADE_UP.fullmatch(handle):
            continue  # "on snapchat til 2 am"
        if re.match(r"(?i)handle\s+(?![\"'\u201c(])", m.group()) and not _MADE_UP.fullmatch(handle):
            continue  # "how do I handle lamotrigine": the verb
        yield Hit(
            m.start("id"), m.end("id"), "social_handle", Priority.HANDLE_IN_CONTEXT, suggestion
        )
