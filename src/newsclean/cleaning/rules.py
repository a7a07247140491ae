"""Hard rules: lines whose form alone says what they are (a breadcrumb, a share bar, a copyright).

Each rule is a named pattern with the reason it stands for, so a removal is explained by the rule
that made it. Patterns are anchored and free of nested quantifiers: they run in linear time on
lines of any length. None names a site or a page; they describe shapes that recur across sites.
"""

import re

from newsclean.cleaning.first_char import FirstCharIndex
from newsclean.reasons import Reason

_SOCIAL = r"(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|email|e-mail|print|copy link|flipboard|x)"

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
_FULL_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s*\d{{4}}|"
    r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)\b)"
)
"""A date with its year ('Nov 19, 2019', '19 November 2019', '2019-11-19', '11/19/19')."""
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"

_COOKIES_LOCAL = (
    r"(?:verwendet|verwenden|nutzt|nutzen) cookies|cookies akzeptieren|"
    r"(?:utilise|utilisons) des cookies|accepter (?:les |tous les )?cookies|"
    r"(?:utiliza|utilizamos|usa|usamos) cookies|aceptar (?:las |todas las )?cookies|"
    r"(?:utilizza|utilizziamo|usiamo) (?:i )?cookie|accetta (?:i |tutti i )?cookie|"
    r"(?:gebruikt|gebruiken) cookies|cookies accepteren"
)
"""Cookie banners in German, French, Spanish, Italian, Portuguese and Dutch."""
_YOU_HAVE = r"you(?:'ve|’ve| have)"
_OOPS = r"(?:oops|sorry|whoops|uh[- ]oh)\W+"
"""The interjection that opens a site's apology ('Oops! That page can’t be found.')."""
_NEXT_STEP = r"(?:\s+(?:please |try |you (?:can|may|might) |go |return |use |check |perhaps |maybe )[^.!?]{0,60}[.!?]?)?"
"""The error message's advice after it ('Try searching our site.'), the only sentence it may add."""

# (reason, pattern) tried in order on a stripped line; the first match decides.
LINE_RULES: tuple[tuple[Reason, re.Pattern[str]], ...] = (
    (
        Reason.NAVIGATION,
        re.compile(
            r"^(?:menu|main menu|open menu|close menu|search|toggle navigation|navigation|skip to (?:main )?content|"
            r"back to top|go to top|next|previous|prev|more|close|home|sections|show more|load more|"
            r"next article|previous article|next post|previous post)$",
            re.IGNORECASE,
        ),
    ),
    (Reason.BREADCRUMB, re.compile(r"^(?:current|you are here)\s*:", re.IGNORECASE)),
    (Reason.BREADCRUMB, re.compile(r"^home\s*(?:>|»|›|/|\|)", re.IGNORECASE)),
    (
        Reason.DATELINE,
        re.compile(
            r"^(?:date|published|updated|posted|last updated|modified)\s*(?:on)?\s*:?\s*\d", re.IGNORECASE
        ),
    ),
    (
        Reason.DATELINE,
        re.compile(
            r"^(?:first )?(?:published|updated|posted)(?: on)?:? \w+\.? \d{1,2},? \d{4}", re.IGNORECASE
        ),
    ),
    # A bare date or time on its own line: a story's stamp, or a teaser's (dev: 281 such lines, 3 in
    # a gold body).
    (
        Reason.DATELINE,
        re.compile(
            r"^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?)(?:,?\s+\d{4})?(?:,?\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^\d{4}-\d\d-\d\d(?:[ t]\d\d:\d\d(?::\d\d)?)?$|^\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?(?:\s+\d{4})?$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.BYLINE,
        re.compile(r"^(?i:by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:,|and|$|\|)"),
    ),
    # A byline with its verb ('Posted by Jo Roe on November 19, 2019', 'Written by Jo Roe, MS, RD'):
    # dev has 25 such lines, one in a gold body. A sentence's 'Written by the acclaimed author …'
    # goes on: the name must be capitalised.
    (
        Reason.BYLINE,
        re.compile(
            r"^(?:posted|published|written|story|words|reported|text|photos?) by:?(?:\s*(?-i:[A-Z])[^.!?]{0,80})?$",
            re.IGNORECASE,
        ),
    ),
    # A story's byline and date on one line, either way round ('By Jo Roe November 19, 2019,
    # 7:47 PM', 'Dec 8, 2019 by Jo Roe in Growth', 'August 19, 2025 | 33 Comments'): a line with no
    # sentence in it, where the name alone fails the rule above. A quoted tweet's signature
    # ('— Jo Roe (@jo) November 18, 2019') starts with neither and stays.
    (
        Reason.BYLINE,
        re.compile(
            rf"^by\s+[^.!?\d][^.!?]{{0,60}}?\s{_FULL_DATE}[^.!?]{{0,30}}$|"
            rf"^(?:{_WEEKDAY})?{_FULL_DATE}\b[^.!?]{{0,30}}?(?:\bby\s+(?-i:[A-Z])|\|\s*\d+\s+comments?$)",
            re.IGNORECASE,
        ),
    ),
    # How to reach the story's author ('Email Jo Roe at jo@example.com or follow her @jo', 'Write
    # to Jo Roe at …'): the foot of a byline.
    (
        Reason.BYLINE,
        re.compile(
            r"^(?:e-?mail|write to|contact|reach|connect with) (?-i:[A-Z])[\w.'-]+(?: (?-i:[A-Z])[\w.'-]+){0,2} "
            r"(?:at|via) [\w.+-]+@[\w-]+\.",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.CAPTION_CREDIT,
        re.compile(
            r"^(?:photo|image|picture|credit|photograph|illustration|video)s?\s*(?:credit)?\s*:",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.CAPTION_CREDIT,
        re.compile(
            r"(?:getty images|shutterstock|istock(?:photo)?|ap photo|afp(?: via getty images)?|reuters|epa-efe|alamy)\s*\)?$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.CAPTION_CREDIT,
        re.compile(r"\((?:photo|image|picture|pic|credit)s?\s*:[^()]{1,60}\)$", re.IGNORECASE),
    ),
    # Contributor and wire credits ('Jo Roe contributed to this report.', '(Reporting by …)') are
    # bylines at the foot of a story: every dev gold that has one in its page leaves it out.
    (
        Reason.BYLINE,
        re.compile(
            r"(?:contributed (?:to (?:this|the) )?report(?:ing|s)?\b[^.]{0,80}\.?\)?$|^\(?(?:additional )?reporting by\b)",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.SHARE_WIDGET,
        re.compile(
            rf"^(?:share|tweet|share this(?: (?:article|story|page|post|obituary|gallery|video|recipe|photo|link))?|"
            rf"share on {_SOCIAL})\s*:?"
            rf"(?:[\s,|·•/]+{_SOCIAL})*[\s,|·•/]*$",
            re.IGNORECASE,
        ),
    ),
    (Reason.SHARE_WIDGET, re.compile(rf"^{_SOCIAL}\w*!?\s*\(\d+\)$", re.IGNORECASE)),
    # A share bar of any networks, read as one line ('Share on Facebook Share on Flip it Share on
    # Email', 'Share to LinkedInLinkedInShare to FacebookFacebook').
    (
        Reason.SHARE_WIDGET,
        re.compile(
            r"^share (?:on|to|via) \w+(?:[^.!?]{0,40}?share (?:on|to|via) \w+)+[^.!?]{0,40}$", re.IGNORECASE
        ),
    ),
    # 'Like this story? Share it with a friend!'
    (
        Reason.SHARE_WIDGET,
        re.compile(
            r"^(?:(?:did you )?(?:like|enjoy|love)d? (?:this|the|our) (?:story|article|post)\?\s*)?"
            r"share (?:it|this(?: story| article| post)?) with (?:a friend|friends|your friends)\W*$",
            re.IGNORECASE,
        ),
    ),
    # An article's own tool buttons ('Print this article', 'Email this story', 'Save article').
    (
        Reason.SHARE_WIDGET,
        re.compile(
            r"^(?:print|email|e-mail|save|bookmark)(?: this)? (?:article|story|page|post)$", re.IGNORECASE
        ),
    ),
    # A count of comments ('12 Comments') is left to the comments rule below: it heads that section.
    (Reason.SHARE_WIDGET, re.compile(r"^\d[\d,.]*k?\s+(?:shares?|views?)$", re.IGNORECASE)),
    # A link to another story set inside this one ('Related: Mars Rocket in Pictures', 'Also on
    # example.com Ministers threatened …'); a bare 'Related:' opens a list instead (RELATED_HEADER).
    (
        Reason.RELATED_LIST,
        re.compile(
            r"^(?:(?:related|read (?:more|also|next)|also read|see also)\s*:\s*\S|also on [\w-]+\.[a-z]{2,}\s)",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.TAG_LIST,
        re.compile(r"^[-•*]?\s*(?:tags?|topics?|in|filed under|categories|keywords)\s*:\s*$", re.IGNORECASE),
    ),
    (Reason.TAG_LIST, re.compile(r"^(?:tags?|topics?|filed under|keywords)\s*:", re.IGNORECASE)),
    # A copyright notice; a '©' glued to a number is a clause's mark ('Article 53.1© states …').
    (
        Reason.LEGAL_FOOTER,
        re.compile(
            r"(?:(?<![\w.])©|\(c\)\s*\d{4}|copyright\s*(?:©|\d{4})|all rights reserved)", re.IGNORECASE
        ),
    ),
    # A site's reuse notice, whose subject is the site's material ('The material on this site may
    # not be reproduced …'); a story's 'The leaked files may not be reproduced …' is not one.
    (
        Reason.LEGAL_FOOTER,
        re.compile(
            r"^(?:(?:the|this|all) )?(?:material|content)s?\b[^.!?]{0,40}? may not be [^.!?]{0,40}?"
            r"\b(?:reproduced|copied|republished|redistributed)",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.LEGAL_FOOTER,
        re.compile(
            r"^(?:privacy(?: policy| notice)?|terms(?: of (?:use|service))?|cookie (?:policy|settings)|contact us|about us|sitemap|accessibility)$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            r"(?:we use cookies|uses cookies|(?:agree|consent) to (?:our|the) use of cookies|accept (?:all )?cookies|cookie preferences|"
            r"(?:necessary|functional|analytics|performance|advertisement|marketing|essential|third-party) cookies|"
            rf"{_COOKIES_LOCAL})",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            r"^(?:(?:sign up|subscribe|log ?in|sign in|register|create (?:a free )?account)\b|"
            r"already a subscriber\s*[?!.:,])(?!.*\w_\w).{0,80}$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            r"(?:enable javascript|javascript is disabled|"
            r"(?:update|upgrade|view (?:it|this(?: email)?) in|news (?:on|in)|notifications (?:on|in)) your browser\b|"
            r"your browser (?:does not|doesn't|doesn’t|is not|isn't|isn’t|is out of date|is outdated|version))",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(r"^javascript is required\b[^.!?]{0,60}[.!?]?$", re.IGNORECASE),
    ),
    # A paywall's meter and its calls ('You have reached your limit of free articles', 'Continue
    # reading the main story', 'Become a member'), a form's own messages ('You have successfully
    # subscribed', 'Oops! Something went wrong while submitting the form') and link text ('Click
    # here for …'). The scorer sinks them on a long page; on a short record, where the prose floor
    # keeps any sentence, only a rule does (dev: 40 such lines, none in a gold body). Each pattern
    # is the whole message (a story's 'You've reached the age limit for the program, the letter
    # said' or 'Sorry, something went wrong with the ballots' goes on), and there is one pattern
    # per leading word, so that a line pays only for those its first character allows.
    (
        Reason.PROMPT,
        re.compile(
            rf"^{_YOU_HAVE} (?:reached (?:your|the) (?:\w+ )?(?:limit|maximum) (?:of|for) (?:\w+ )?free "
            r"(?:articles?|stories)|read (?:all (?:of )?)?(?:your |\d+ of (?:your )?\d+ )?free (?:articles?|stories))"
            r"[^.!?]{0,40}[.!?]?$|"
            r"^you have (?:\d+|no|one|two|three) (?:more )?free (?:articles?|stories|views)(?: left| remaining)?"
            r"[^.!?]{0,30}[.!?]?$|"
            rf"^{_YOU_HAVE} (?:been )?succes?sfully (?:subscribed|signed up)\W*(?:thank you\W*)?$|"
            rf"^{_YOU_HAVE} entered an? (?:incorrect|invalid) (?:e-?mail|password|user ?name)\b[^.!?]{{0,30}}\W*$|"
            rf"^{_YOU_HAVE} activated your account\b",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            r"^(?:this|the full) (?:article|story|content|post) is (?:only )?(?:for|available (?:only )?(?:to|for)|"
            r"reserved for|exclusive to) (?:(?:(?:paid|paying|premium|digital) )?subscribers|"
            r"(?:paid|paying|premium) members)(?: only)?\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            r"^(?:continue reading(?: the (?:main |full )?(?:story|article))?|keep reading)\W*$|"
            r"^continue reading this (?:post|article|story) for free\b[^.!?]{0,60}[.!?]?$|"
            r"^to continue reading,? (?:please )?(?:subscribe|log in|sign in|register)\b[^.!?]{0,40}[.!?]?$",
            re.IGNORECASE,
        ),
    ),
    (Reason.PROMPT, re.compile(r"^(?:click|tap) here (?:to|for)\b[^.!?]{0,80}[.!?»]?$", re.IGNORECASE)),
    (
        Reason.PROMPT,
        re.compile(
            r"^already (?:a (?:paid )?subscriber|have an account)\W*(?:(?:sign|log) ?in|subscribe)?\W*$|"
            r"^become a (?:member|subscriber|contributor|patron|supporter)(?: today| now)?\W*$|"
            r"^get unlimited access\b[^.!?]{0,60}[.!?]?$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            rf"^{_OOPS}something went wrong(?: (?:while|when) (?:submitting|loading|sending) (?:the|your) \w+)?"
            r"\W*(?:please try again\W*)?$",
            re.IGNORECASE,
        ),
    ),
    # An error page's message: a scrape that got 'Page not found' or a blocked page instead of
    # a story. Only the messages' own wording, whole: a story's 'The page has been removed by
    # Facebook' names no reader ('you') and no status code, and 'Page not found: how a typo cost
    # the campaign' goes on past the message.
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^(?:(?:http )?error\s*)?(?:404|(?:4\d\d|5\d\d)\s*[-–—:|]?\s*(?:error|(?:page |file )?not found|"
            r"forbidden|gone|unauthori[sz]ed|internal server error|service (?:temporarily )?unavailable|"
            r"bad gateway|gateway time-?out))\W*$|^(?:http )?error\s*\d{3}\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^(?:(?:error\s*)?404\s*[-–—:|]?\s*)?(?:page|file|article|story|content) (?:not found|cannot be found)\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.ERROR_PAGE,
        re.compile(
            rf"^(?:{_OOPS}|we(?:'re|’re| are) sorry,? (?:but )?)?(?:the )?(?:page|url|link|content) "
            r"you(?:'re|’re| are| were)? (?:looking for|requested|tried to (?:access|reach|open))\b"
            r"[^.!?]{0,60}\b(?:not|n't|n’t|no longer|moved|removed|deleted|unavailable)\b[^.!?]{0,40}[.!?]?"
            rf"{_NEXT_STEP}$|"
            rf"^{_OOPS}(?:we (?:can(?:no|’|')t|could(?: not|n't|n’t)) find (?:that|this|the) page|"
            r"(?:this|that|the) page (?:can(?:no|’|')t be found|(?:could|was) not (?:be )?found|"
            r"does(?: not|n't|n’t) exist|(?:is|has been) (?:removed|moved)))\b[^.!?]{0,40}[.!?]?"
            rf"{_NEXT_STEP}$|"
            r"^this page is (?:temporarily )?unavailable\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^access (?:denied|forbidden)\W*you (?:do not|don't|don’t) have permission|"
            r"^you (?:do not|don't|don’t) have permission to (?:access|view) this (?:page|resource|server|site|content)",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^(?:sorry\W+)?(?:this|the requested) (?:content|video|page|article|stream|media) (?:is |are )?"
            r"(?:not|no longer|currently (?:not|un)) ?available(?: (?:in|to users in|from) your "
            r"(?:country|region|location|area)| to (?:stream|watch|view)(?: in your (?:country|region|location|area))?)?"
            r"\W*$",
            re.IGNORECASE,
        ),
    ),
    # A bot check or a block instead of the page ('Please verify you are a human', 'Checking your
    # browser before accessing …', 'Sorry, you have been blocked'): the scrape needs redoing.
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^(?:please )?verify (?:that )?you are (?:a )?human\W*(?:by completing the action below\W*)?$|"
            r"^(?:are you a robot\?\s*)?(?:please )?complete the security check to access\b[^.!?]{0,60}[.!?]?$|"
            r"^are you a (?:robot|human)\?\W*$|"
            r"^checking (?:your browser|if the site connection is secure)(?: before accessing \S+?)?\W*$|"
            r"^\S+ needs to review the security of your connection before proceeding\W*$|"
            r"^just a moment\W*$|^attention required\W*(?:\|\s*cloudflare\W*)?$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^(?:sorry\W+)?you have been blocked\W*$|"
            r"^your access to this (?:site|page) has been (?:limited|blocked)(?: by the site owner)?\W*$|"
            r"^access to this page has been denied\W*$|"
            r"^we(?:'ve|’ve| have) detected unusual (?:activity|traffic) from your (?:computer|network|device|ip)"
            r"[^.!?]{0,40}[.!?]?$|"
            r"^this site can(?:'|’)?t be reached\W*$",
            re.IGNORECASE,
        ),
    ),
    # The rest of a block page: its questions, its explanation and its reference number.
    (
        Reason.ERROR_PAGE,
        re.compile(
            r"^why have i been blocked\?$|^what can i do to resolve this\?$|^you are unable to access \S+$|"
            r"^this website is using a security service to protect itself from online attacks\b|"
            r"^you can email the site owner to let them know you were blocked\b|"
            r"^(?:cloudflare )?ray id: [0-9a-f]+\W*$|^performance (?:&|and) security by cloudflare\W*$",
            re.IGNORECASE,
        ),
    ),
    # A newsletter is a prompt when the line asks for a sign-up or is a short label; a story
    # about someone's newsletter mentions it in sentences (dev: 700 words of such prose), and
    # its subscribers (a noun, not a call to subscribe).
    (
        Reason.PROMPT,
        re.compile(
            r"(?:sign(?:ing)? ?up|subscribe(?!r)|join|inbox|delivered|register)[^.!?]{0,80}newsletter|"
            r"newsletters?[^.!?]{0,80}(?:sign(?:ing)? ?up|subscribe(?!r)|inbox|delivered)|"
            r"^[^.!?:]{0,40}newsletters?[^.!?:]{0,30}$",
            re.IGNORECASE,
        ),
    ),
    # A sign-up form's reassurance and confirmation ('No spam. Unsubscribe at any time.', 'An email
    # with an activation link has been sent to your address'), wherever it stands in the line.
    (
        Reason.PROMPT,
        re.compile(
            r"\bunsubscribe (?:at any time|anytime)\b|\ban? (?:e-?mail|link) with an activation link\b",
            re.IGNORECASE,
        ),
    ),
    # An affiliate disclosure: the site earns a commission on what readers buy through its links.
    # A shopping story's own 'BGR may receive a commission' under each deal is not one: the
    # disclosure says when ('if you buy …').
    (
        Reason.ADVERT,
        re.compile(
            r"\b(?:if|when) you (?:buy|purchase|shop|click)\b[^.!?]{0,80}\b(?:may |might |will |could )?"
            r"(?:earn|receive|get)s? (?:an? )?(?:small )?(?:affiliate )?commission|"
            r"\bcommission (?:if|when) you (?:buy|purchase|shop|click)\b|"
            r"\bmay contain affiliate links\b|\bparticipant in the amazon services llc associates program\b|"
            r"\bearns? from qualifying purchases\b",
            re.IGNORECASE,
        ),
    ),
    # How to reach the author, inside a line ('Have a tip? Jo Roe may be reached at jo@example.com.').
    (Reason.BYLINE, re.compile(r"\b(?:can|may) be reached at [\w.+-]+@[\w-]+\.", re.IGNORECASE)),
    # A call for news tips ('Got a news tip?', '… if you have a news tip, correction or comment,
    # let us know').
    (
        Reason.PROMPT,
        re.compile(
            r"(?:^(?:got|have) a (?:confidential )?news tip\?|^submit a news tip$|\bif you have a news tip\b)",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.ADVERT,
        re.compile(
            r"^(?:advertisement|sponsored(?: content)?|ad|promoted|partner content|story continues below advertisement)$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.AUTHOR_BIO,
        re.compile(
            r"^(?:about the authors?|about this author|more (?:articles|posts|stories) by\b.{0,60})\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.PROMPT,
        re.compile(
            r"^(?:was this (?:page|article|post|answer|information) (?:helpful|useful)|did you find this (?:page|article|post) (?:helpful|useful))\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Reason.COMMENTS,
        re.compile(
            r"^(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|show comments|view comments)\s*(?:\(\d+\))?$",
            re.IGNORECASE,
        ),
    ),
)

RELATED_HEADER = re.compile(
    r"^(?:[-•*]\s*)?(?:related(?: (?:articles?|stories|posts|content|coverage|news|links|topics))?|ranking|recommendations?|recommended(?: for you| stories| articles| reading)?|"
    r"(?:(?-i:[A-Z][\w&'-]*) ){0,2}most (?:read|popular|viewed|shared|emailed|commented)|more (?:from|on|in|stories|news|like this|to read)\b.*|read (?:more|next|also)|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|trending(?: now| stories)?|popular(?: now| stories)?|"
    r"latest(?: news| stories)?|top stories|editor'?s picks|what to read next|don'?t miss|see also|also read|further reading|around the web|"
    r"(?-i:More(?: [A-Z][\w&.'-]*){1,4}))\s*(?::|\.\.\.|…)?$",
    re.IGNORECASE,
)
"""A header that opens a list of other articles' headlines."""

REFERENCES_HEADER = re.compile(
    r"^(?:references?|sources?|references (?:&|and) sources|bibliography|citations|works cited|notes|"
    r"footnotes)\s*:?$",
    re.IGNORECASE,
)
"""A header over a story's own sources (kept when the story's, see `classify._keep_references`)."""
REFERENCES_HEADER_MAX_CHARS = 30

END_HEADER = re.compile(
    r"^(?:about the authors?|about this author|more (?:articles|posts|stories) by\b|"
    r"was this (?:page|article|post|answer|information) (?:helpful|useful)|did you find this (?:page|article|post) (?:helpful|useful))",
    re.IGNORECASE,
)
"""Headers of the boxes that follow an article (the author's box, a feedback widget)."""

INLINE_POINTER = re.compile(
    r"^(?:[-•*]\s*)?(?:read (?:more|next|also)|see also|also read)\b|^(?:related\s*:\s*\S|also on [\w-]+\.[a-z]{2,}\s)",
    re.IGNORECASE,
)

COMMENTS_HEADER = re.compile(
    r"^\W{0,3}(?:\d[\d,]*\s+)?(?:(?:top|best|most|all|latest|newest|reader|user|recent|rated|show|view|load|read)\s+){0,3}"
    r"(?:comments?|replies)\s*(?:\(\d+\)|\d+)?\W{0,3}$|"
    r"^\d[\d,]*\s+responses?$|"
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|join the (?:discussion|conversation)|"
    r"comments are closed\.?|(?:there (?:are|is) )?\d+ (?:thoughts|responses|replies|comments) (?:on|to) .{1,200})$|"
    r"^(?:reply|report (?:abuse|comment|this comment)|flag as inappropriate)$",
    re.IGNORECASE,
)
"""Where a page's comment section starts ('Leave a Reply', '12 Comments'),
or a comment's own buttons ('Reply', 'Report abuse'), which a page shows only under comments."""

COMMENT_AUTHOR = re.compile(r"[^.!?]{1,60} says:", re.IGNORECASE)
"""'Jo says:', a WordPress comment's author line; a story's 'The mayor says:' before a quote
reads the same, so only the date line that follows an author makes it one."""


def is_comment_author(line: str) -> bool:
    """Is this line shaped like a comment's author line ('Jo says:')?"""
    return line.endswith(":") and COMMENT_AUTHOR.fullmatch(line) is not None


PICTURE_RIGHTS = re.compile(
    r"\b(?:getty|shutterstock|istock|ap photo|afp|reuters|epa|alamy|photo(?:graph)?s?|images?|pictures?|pics?|"
    r"credits?|illustrations?|video|footage)\b",
    re.IGNORECASE,
)
"""Words that make a copyright line a picture's credit ('Copyright 2024 Getty Images'), which
can stand under a photo anywhere in a story, not the site's footer."""

TEASER_DATELINE = re.compile(
    r"(?<=[a-z0-9’'\")]) [A-Z]{2,}\.?(?: [A-Z]{2,}\.?){0,3}(?: \([A-Za-z .]+\))?: [A-Z“\"]"
)
"""A wire dateline in mid-line ('… from US NEW DELHI: Their …'): where a teaser card's headline
meets the first words of its story. A story's own dateline opens its paragraph."""
_TEASER_MIN_LEDE_WORDS = 8


def is_teaser_card(line: str) -> bool:
    """Another story's headline and opening glued into one line, as a carousel is dumped.

    'Man pleads guilty to fraud scheme NEW YORK: An Indian-origin man has …': the headline has
    no sentence end, and a story's opening follows the dateline.
    """
    if ": " not in line or len(line) > _MAX_RULE_LINE_CHARS:
        return False
    match = TEASER_DATELINE.search(line)
    if match is None:
        return False
    head = line[: match.start()]
    return (
        3 <= len(head.split()) <= 30
        and not head.endswith((".", ";", ","))
        and len(line[match.end() - 1 :].split()) >= _TEASER_MIN_LEDE_WORDS
    )


BULLET = re.compile(r"^(?:[-•*·▪◦]|\d{1,2}[.)])\s+")
NUMBERED_ITEM = re.compile(r"(\d{1,2})[.)] \S")
"""A numbered item's start, its number captured ('6. Rest the meat', '7) Walk the old town')."""
AUTHOR_BIO = re.compile(
    r"^(?!(?:He|She|They|It|This|That|There|What|Who|Which)\b)[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3} (?:is|was|has been|covers|writes)\b.{0,200}\b(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|producer|author|freelance)\b",
)
"""'Jane Doe is a politics reporter at …': the short bio under an article."""

STRAY_NAME = re.compile(r"^[•·]\s*[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}$")
"""A round bullet followed by nothing but a person's name: a byline left over from a layout
('-' and '*' bullets are left alone: they start list items, '- Lunges')."""


# Other languages: the same widgets as shown by sites in German, French, Spanish, Italian,
# Portuguese and Dutch. Only fixed labels that stand as a line of their own are listed, never
# words that open ordinary sentences, and they are looked up rather than matched: a line is a
# label when, lowercased and without trailing punctuation, it is one of these (a regular
# expression per language would cost every line of every page ~1.5 µs).
_LOCAL_LABEL_MAX_CHARS = 60
_LOCAL_LABELS: dict[str, Reason] = {
    label: reason
    for reason, labels in (
        (
            Reason.SHARE_WIDGET,
            "teilen|artikel teilen|diesen artikel teilen|partager|partager cet article|partager sur|compartir|"
            "compartir en|compartir este artículo|condividi|condividi su|compartilhar|compartilhe|partilhar|"
            "delen|deel dit artikel|поделиться|udostępnij|podziel się|paylaş|bagikan|bagikan artikel ini|"
            "شارك|شارك المقال|分享|分享到|分享至|分享到微信|シェア|この記事をシェア|공유하기",
        ),
        (
            Reason.ADVERT,
            "anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|реклама|reklama|reklam|"
            "iklan|إعلان|广告|広告|광고",
        ),
        (
            Reason.PROMPT,
            "anmelden|einloggen|registrieren|jetzt abonnieren|newsletter abonnieren|se connecter|s'abonner|"
            "s'inscrire|iniciar sesión|suscríbete|regístrate|accedi|registrati|abbonati|inloggen|aanmelden|"
            "abonneren|войти|регистрация|подписаться|zaloguj się|zarejestruj się|giriş yap|üye ol|abone ol|"
            "berlangganan|تسجيل الدخول|اشترك|登录|注册|订阅|ログイン|会員登録|新規登録|로그인|회원가입|구독하기",
        ),
        (
            Reason.LEGAL_FOOTER,
            "alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|"
            "todos os direitos reservados|alle rechten voorbehouden|impressum|mentions légales|aviso legal|"
            "note legali|все права защищены|wszelkie prawa zastrzeżone|tüm hakları saklıdır|"
            "hak cipta dilindungi undang-undang|جميع الحقوق محفوظة|版权所有|無断転載を禁じます|無断転載禁止|"
            "무단전재 및 재배포 금지",
        ),
        (
            Reason.COMMENTS,
            # Plurals only: a German 'Kommentar' is also an opinion piece's label (and a Dutch
            # 'Reacties' a story's subheading over politicians' reactions); so too an Indonesian
            # 'Komentar', a Chinese '评论' (commentary) or a Japanese 'コメント' alone.
            "kommentare|commentaires|comentarios|commenti|comentários|schreibe einen kommentar|"
            "schreiben sie einen kommentar|kommentar schreiben|laisser un commentaire|écrire un commentaire|"
            "deja un comentario|deja una respuesta|lascia un commento|deixe um comentário|deixe uma resposta|"
            "geef een reactie|laat een reactie achter|комментарии|оставить комментарий|komentarze|"
            "dodaj komentarz|yorumlar|yorum yap|tulis komentar|التعليقات|أضف تعليق|发表评论|网友评论|全部评论|"
            "コメントする|コメント一覧|댓글|댓글쓰기",
        ),
        (
            Reason.AUTHOR_BIO,
            "über den autor|über die autorin|à propos de l'auteur|sobre el autor|sobre la autora|sobre o autor|"
            "sobre a autora|sull'autore|over de auteur",
        ),
    )
    for label in labels.split("|")
}
_LOCAL_POINTERS = (
    "lesen sie auch",
    "lire aussi",
    "à lire aussi",
    "leer también",
    "leggi anche",
    "leia também",
    "veja também",
    "lees ook",
    "читайте также",
    "czytaj także",
    "czytaj też",
    "baca juga",
    "اقرأ أيضا",
    "اقرأ أيضاً",
)
"""Words that, followed by a colon and a headline, link to another story from inside this one."""
_LOCAL_RELATED_HEADERS = frozenset(
    (
        *_LOCAL_POINTERS,
        "weitere beiträge",
        "weitere beiträge zum thema",
        "weitere artikel",
        "weitere nachrichten",
        "mehr zum thema",
        "das könnte sie auch interessieren",
        "meistgelesen",
        "meistgelesene artikel",
        "à lire également",
        "sur le même sujet",
        "les plus lus",
        "articles similaires",
        "te puede interesar",
        "noticias relacionadas",
        "artículos relacionados",
        "lo más leído",
        "articoli correlati",
        "potrebbe interessarti",
        "i più letti",
        "notícias relacionadas",
        "mais lidas",
        "gerelateerde artikelen",
        "meest gelezen",
        "похожие статьи",
        "по теме",
        "другие новости",
        "самое читаемое",
        "zobacz także",
        "powiązane artykuły",
        "najczęściej czytane",
        "ilgili haberler",
        "benzer haberler",
        "en çok okunanlar",
        "berita terkait",
        "artikel terkait",
        "terpopuler",
        "أخبار ذات صلة",
        "مقالات ذات صلة",
        "الأكثر قراءة",
        "相关新闻",
        "相关文章",
        "相关阅读",
        "热门文章",
        "推荐阅读",
        "延伸阅读",
        "関連記事",
        "関連ニュース",
        "人気記事",
        "おすすめ記事",
        "あわせて読みたい",
        "관련기사",
        "관련 기사",
        "많이 본 뉴스",
        "인기기사",
    )
)
"""Headers of a list of other articles' headlines ('Weitere Beiträge', 'Noticias relacionadas'),
the pointers' words among them."""
_LOCAL_HOME = (
    "startseite",
    "accueil",
    "inicio",
    "início",
    "pagina iniziale",
    "hoofdpagina",
    "главная",
    "strona główna",
    "ana sayfa",
    "anasayfa",
    "beranda",
    "الرئيسية",
    "首页",
    "ホーム",
    "홈",
)
BREADCRUMB_ROOTS = tuple(f"{root} " for root in ("home", *_LOCAL_HOME))
"""A breadcrumb's first word and its space, as the trail reads once its separators are lost."""
_LOCAL_BREADCRUMB = re.compile(rf"(?:{'|'.join(_LOCAL_HOME)})\s*[>»›/|]", re.IGNORECASE)
_LOCAL_POINTER = re.compile(rf"(?:{'|'.join(_LOCAL_POINTERS)})\s*:\s*\S", re.IGNORECASE)
_LOCAL_POINTER_CHARS = max(map(len, _LOCAL_POINTERS))


def _label_key(low: str) -> str:
    """A lowercased short line as the label tables spell it.

    No trailing punctuation, straight apostrophes, and a Turkish 'İ' lowercased to a plain 'i'
    (`str.lower` adds a combining dot).
    """
    return low.rstrip(" :.…!：").replace("’", "'").replace("\u0307", "")


def local_rule(line: str) -> Reason | None:
    """The verdict on a line that is one of the other languages' widgets, or None.

    Only short lines are lowercased whole: lowercasing every paragraph of a page cost more than
    all these tests together.
    """
    if len(line) <= _LOCAL_LABEL_MAX_CHARS:
        low = line.lower()
        label = _LOCAL_LABELS.get(_label_key(low))
        if label is not None:
            return label
        if low.startswith(_LOCAL_HOME) and _LOCAL_BREADCRUMB.match(line):
            return Reason.BREADCRUMB
    if line[:_LOCAL_POINTER_CHARS].lower().startswith(_LOCAL_POINTERS) and _LOCAL_POINTER.match(line):
        return Reason.RELATED_LIST
    return None


def is_local_related_header(line: str) -> bool:
    """Does this line open a list of other articles, in another language ('Weitere Beiträge')?"""
    return len(line) <= _LOCAL_LABEL_MAX_CHARS and _label_key(line.lower()) in _LOCAL_RELATED_HEADERS


_ANCHORED = [(reason, pattern) for reason, pattern in LINE_RULES if pattern.pattern.startswith("^")]
_FLOATING = [(reason, pattern) for reason, pattern in LINE_RULES if not pattern.pattern.startswith("^")]


_ANCHORED_INDEX = FirstCharIndex([pattern for _, pattern in _ANCHORED], named=True)
"""The anchored rules, joined for a line's first character: joining all of them cost every line
~2.5 µs, and most first characters leave a few."""

_FLOATING_HINTS = re.compile(
    r"©|\(c\)|copyright|rights reserved|cookie|newsletter|javascript|browser|"
    r"getty|shutterstock|istock|ap photo|afp|reuters|epa|alamy|image|photo|picture|pic|credit|contributed|reporting by"
)
"""Words without which no floating rule can match: one scan of the lowercased line decides
whether to try them (five times faster than a case-insensitive scan)."""
_FLOATING_WORDS = (
    ("getty images", "shutterstock", "istock", "ap photo", "afp", "reuters", "epa-efe", "alamy"),
    ("(photo", "(image", "(pic", "(credit"),
    ("contributed", "reporting by"),
    ("©", "(c)", "copyright", "all rights reserved"),
    ("cookie",),
    ("javascript", "your browser"),
    ("newsletter",),
    ("unsubscribe", "activation link"),
    ("commission", "affiliate", "qualifying purchases"),
    ("reached at",),
    ("news tip",),
)
"""For each floating rule, words one of which a line must hold (lowercased) to match it: testing
them is cheaper than the hint scan and the search. (Case-insensitive matching pairs some non-ASCII
letters with ASCII ones, so lines holding those, lowercased, take the hint scan: `_UNLOWERED`.)"""
_FLOATING_KEYS = (
    "(",
    "right",
    "getty",
    "stock",
    "photo",
    "afp",
    "reuters",
    "epa-",
    "alamy",
    "contrib",
    "ting by",
    "cookie",
    "javas",
    "browser",
    "newsl",
    "©",
    "unsubscr",
    "activation",
    "commission",
    "affiliate",
    "qualifying",
    "reached at",
    "news tip",
)
"""Pieces of the words in `_FLOATING_WORDS`, each of which holds one: a line holding none of
them takes no floating rule (16 tests of a line instead of 25, on nearly every line)."""
_UNLOWERED = ("ı", "ſ", "\u0307")
"""What `str.lower` leaves of the only non-ASCII letters that case-insensitive patterns pair with
other letters than their lowercase ones ('ı' with 'i', 'ſ' with 's'; 'İ' lowercases to 'i' and
a combining dot, so the word is broken): a lowercased line with none of them holds every
word a floating rule matches in it, as an ASCII line does (the Kelvin sign lowercases to 'k')."""
if len(_FLOATING_WORDS) != len(_FLOATING):
    msg = "every floating rule needs its words in _FLOATING_WORDS"
    raise RuntimeError(msg)
if not all(any(key in word for key in _FLOATING_KEYS) for words in _FLOATING_WORDS for word in words):
    msg = "every word in _FLOATING_WORDS needs one of _FLOATING_KEYS"
    raise RuntimeError(msg)
_MAX_RULE_LINE_CHARS = 600
"""Longer lines are paragraphs: no rule is about them, and skipping them keeps cleaning cheap."""


def match_rule(line: str) -> Reason | None:
    """The reason a line is boilerplate by form alone, or None."""
    if len(line) > _MAX_RULE_LINE_CHARS:
        return None
    anchored = _ANCHORED_INDEX.for_first(line[:1])
    if anchored is not None and (match := anchored.match(line)) is not None and match.lastgroup is not None:
        return _ANCHORED[int(match.lastgroup[1:])][0]
    return _floating_rule(line)


def _floating_rule(line: str) -> Reason | None:
    """The first rule not anchored at the line start that matches, or None."""
    low = line.lower()
    # None of _UNLOWERED (spelled out: a loop over the tuple would cost more than the tests).
    if line.isascii() or not ("ı" in low or "ſ" in low or "\u0307" in low):
        for key in _FLOATING_KEYS:
            if key in low:
                break
        else:
            return None
        for (reason, pattern), words in zip(_FLOATING, _FLOATING_WORDS, strict=True):
            if any(word in low for word in words) and pattern.search(line):
                return reason
    elif _FLOATING_HINTS.search(low):
        for reason, pattern in _FLOATING:
            if pattern.search(line):
                return reason
    return None


def is_related_header(line: str) -> bool:
    """Does this line open a list of links to other articles?"""
    return len(line) <= 80 and RELATED_HEADER.match(line) is not None


def is_end_header(line: str) -> bool:
    """Does this line open a box that only ever follows the article?"""
    return len(line) <= 80 and END_HEADER.match(line) is not None


def is_inline_pointer(line: str) -> bool:
    """'Read more', 'See also': a related header that sits inside a story as often as below it."""
    return INLINE_POINTER.match(line) is not None or line.lower().startswith(_LOCAL_POINTERS)


def is_comments_header(line: str) -> bool:
    """Does this line open the page's comment section?"""
    return len(line) <= 250 and COMMENTS_HEADER.match(line) is not None


def is_picture_rights(line: str) -> bool:
    """Does this copyright line name a picture or its agency?"""
    return PICTURE_RIGHTS.search(line) is not None


def is_stray_name(line: str) -> bool:
    """A bulleted bare name ('• Jane Doe')."""
    return STRAY_NAME.match(line) is not None


_ROLE_PATTERNS = (RELATED_HEADER, BULLET, AUTHOR_BIO, COMMENTS_HEADER, END_HEADER, STRAY_NAME)
"""The patterns behind `role_marks`, all anchored at the line start."""
_ROLE_INDEX = FirstCharIndex(_ROLE_PATTERNS, named=False)


RoleMarks = tuple[bool, bool, bool, bool, bool, bool]
_NO_ROLE: RoleMarks = (False, False, False, False, False, False)


def role_marks(line: str) -> RoleMarks:
    """What the line-start patterns say of a line's role: six flags, all False on nearly every line.

    In order: a related header, a bullet item, shaped like an author's bio, a comments header,
    an end header, a stray name (`is_related_header`, `BULLET`, `AUTHOR_BIO` under 600
    characters, `is_comments_header`, `is_end_header`, `is_stray_name`).

    One pattern joining those that can start with the line's first character rules all six out
    at once (testing them one by one cost ~2 µs a line). Each test must imply its pattern's
    match at the line start.
    """
    joined = _ROLE_INDEX.for_first(line[:1])
    if joined is None or joined.match(line) is None:
        return _NO_ROLE
    return (
        is_related_header(line),
        BULLET.match(line) is not None,
        len(line) < 600 and AUTHOR_BIO.match(line) is not None,
        is_comments_header(line),
        is_end_header(line),
        is_stray_name(line),
    )
