"""Authority answers: who decides, and who else must approve.

Sales readings pinned in tests/unit/test_authority.py:
- someone who needs another person's sign-off is an influencer, and that person is the approver
  ("needs sign-off from her CFO" -> influencer, approver "her CFO");
- a negated decision ("not the decision maker", "doesn't sign") is no authority, unless the answer also
  says they influence, recommend or champion the purchase;
- a role names the contact's authority only when it is a buying role: CEO, founder, owner, president,
  managing director, CFO; "her CFO signs off" is the approver's role, not the contact's;
- "she's the boss" and "it's her call" are a decision maker; "not her call" is no authority, like
  "not the decision maker" (who does decide is unknown, so there is no approver).
"""

from __future__ import annotations

import re

from bot.model import Authority, AuthorityLevel

_MAX_TEXT = 2000
_WHO = r"(?P<who>(?:(?:her|his|their|the|our|my|its|a|an)\s+)?[\w&.'-]+(?:\s+(?!and\b|but\b|or\b|before\b|to\b|for\b|on\b|if\b|so\b|because\b|then\b|first\b|too\b|as\b|anyway\b|though\b)[\w&.'-]+){0,3})"
_APPROVER_AFTER = re.compile(
    r"\b(?:sign[\s-]?off|approval|ok|okay|green\s+light|buy[\s-]?in|go[\s-]?ahead|blessing|final\s+approval)"
    r"\s+(?:from|by|of)\s+" + _WHO
)
_APPROVER_VIA = re.compile(
    r"\b(?:run\s+(?:it|this|that|everything)\s+(?:by|past)|check\s+with|approved\s+by|escalate\s+to|go\s+through"
    r"|defer\s+to|reports?\s+to|answers\s+to|convince|get\s+(?:it\s+)?past|recommends?\s+(?:it\s+)?to)\s+" + _WHO
)
_ROLE = (
    r"(?:her|his|their|the|our)\s+(?:[\w&.'-]+\s+){0,2}?(?:cfo|ceo|coo|cto|cio|cmo|cro|vp|svp|evp|boss|manager"
    r"|director|head|board|committee|procurement|purchasing|legal|finance|owner|founder|president|partners?|chief"
    r"|leadership|management|supervisor|gm|it)(?:\s+of\s+[\w&.'-]+)?"
)
_APPROVER_BEFORE = re.compile(
    rf"\b(?P<who>{_ROLE})\s+(?:(?:has|have|holds?)\s+(?:the\s+)?(?:final\s+say|last\s+word|final\s+word|final\s+call"
    r"|budget|purse\s+strings)|signs?\s+off|must\s+sign|(?:has|needs)\s+to\s+(?:sign|approve)|approves|decides"
    r"|makes\s+the\s+(?:final\s+)?(?:call|decision)|signs)\b"
)
_NEGATED = re.compile(
    r"\b(?:not|isn'?t|is\s+not|aren'?t|wasn'?t|never)\s+(?:the|a|an|our)?\s*(?:final\s+)?(?:decision[\s-]?maker|dm"
    r"|buyer|one\s+who\s+decides|budget\s+(?:holder|owner))"
    r"|\b(?:doesn'?t|does\s+not|don'?t|can'?t|cannot|won'?t)\s+(?:get\s+to\s+)?(?:decide|sign|approve|make\s+the"
    r"|own\s+the\s+budget|have\s+(?:the\s+)?(?:final\s+say|authority|budget))"
    r"|\b(?:not|isn'?t|is\s+not|wasn'?t)\s+(?:really\s+)?(?:her|his|their|my|your)\s+(?:call|decision|choice)"
    r"|\b(?:not|isn'?t|is\s+not|aren'?t)\s+(?:the\s+)?boss\b"
)
_NONE = re.compile(
    r"\b(?:no\s+(?:authority|say|influence|power|budget\s+authority)|(?:just|only)\s+(?:an?\s+)?(?:end[\s-]?user|user)"
    r"|end[\s-]?user|not\s+involved|no\s+involvement|intern|student|gatekeeper|not\s+part\s+of\s+the\s+decision"
    r"|no\s+role\s+in|researching\s+for\s+someone|not\s+(?:a\s+)?stakeholder)\b"
)
_UNKNOWN = re.compile(
    r"\b(?:unknown|not\s+sure|unsure|don'?t\s+know|do\s+not\s+know|no\s+idea|unclear|tbd|dunno|idk|no\s+clue"
    r"|to\s+be\s+(?:confirmed|determined)|need\s+to\s+find\s+out)\b|^\s*\?+\s*$"
)
_INFLUENCER = re.compile(
    r"\b(?:influencer|influences?|influential|champion|recommends?|recommendation|recommending|advocate"
    r"|(?:buying|decision|steering|evaluation)\s+(?:committee|group|team)|committee|evaluat\w*|shortlist\w*"
    r"|technical\s+buyer|user\s+buyer|input|one\s+of\s+(?:the\s+)?(?:several|a\s+few|\w+)\s+(?:decision[\s-]?makers|dms)"
    r"|shares?\s+the\s+decision|co-?decides?|sponsor|pushing\s+for\s+it|key\s+stakeholder|stakeholder)\b"
)
_DECISION_MAKER = re.compile(
    r"\b(?:decision[\s-]?maker|dm|final\s+say|last\s+word|signs?\s+off|signs?\s+the\s+(?:contract|deal|po)"
    r"|makes?\s+the\s+(?:final\s+)?(?:call|decision)|owns?\s+the\s+budget|budget\s+(?:holder|owner)"
    r"|economic\s+buyer|decides|signatory|full\s+authority|has\s+(?:the\s+)?authority|approves|holds\s+the\s+purse"
    r"|ceo|founder|co-?founder|owner|president|managing\s+director|cfo|chief\s+executive|yes,?\s+(?:she|he)\s+decides"
    r"|(?:she|he|they)(?:'s|\s+is|'re|\s+are)\s+the\s+(?:big\s+)?boss|(?:it'?s|is)\s+(?:her|his|their)\s+(?:call|decision)"
    r"|(?:her|his|their)\s+(?:call|decision)\s+(?:alone|entirely)|calls\s+the\s+shots)\b"
)


def _approver(text: str) -> str:
    for pattern in (_APPROVER_AFTER, _APPROVER_VIA, _APPROVER_BEFORE):
        match = pattern.search(text)
        if match:
            who = match.group("who") or ""
            who = re.split(r"[,.;:!?()]", who)[0].strip()
            if who and who not in {"her", "him", "them", "me", "us", "it", "she", "he"}:
                return who
    return ""


def parse_authority(text: str) -> Authority | None:
    """Read a rep's answer on who decides; None when nothing in it is understood."""
    original = text[:_MAX_TEXT].strip()
    lowered = re.sub(r"^\s*authority\s*[:=-]\s*", "", original.lower().replace("\u2019", "'"))
    if not lowered:
        return None
    approver = _approver(lowered)
    if approver:
        as_typed = re.search(re.escape(approver), original, re.IGNORECASE)
        return Authority(level=AuthorityLevel.INFLUENCER, approver=as_typed.group(0) if as_typed else approver)
    if _NEGATED.search(lowered):
        level = AuthorityLevel.INFLUENCER if _INFLUENCER.search(lowered) else AuthorityLevel.NONE
        return Authority(level=level)
    if _NONE.search(lowered):
        return Authority(level=AuthorityLevel.NONE)
    if _UNKNOWN.search(lowered):
        return Authority(level=AuthorityLevel.UNKNOWN)
    if _INFLUENCER.search(lowered):
        return Authority(level=AuthorityLevel.INFLUENCER)
    if _DECISION_MAKER.search(lowered):
        return Authority(level=AuthorityLevel.DECISION_MAKER)
    return None
