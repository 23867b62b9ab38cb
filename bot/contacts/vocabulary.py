"""Word lists the contact parser reads names, titles and companies with."""

from __future__ import annotations

import re

# A token that makes a short phrase a job title ("VP Marketing", "Head of Procurement", "営業部長").
TITLE_WORDS: frozenset[str] = frozenset(
    """
    ceo cto cfo coo cmo cio cso cro cpo ciso chro cdo vp svp evp avp chief head director directors
    manager managers lead leader founder cofounder co-founder owner partner president chairman chairwoman
    chair engineer developer architect analyst consultant buyer procurement purchasing student researcher
    scientist professor lecturer officer executive specialist coordinator administrator admin associate
    assistant intern advisor adviser principal treasurer controller accountant representative rep
    strategist designer recruiter secretary board md gm ae sdr bdr evangelist editor journalist
    geschäftsführer geschaftsfuhrer leiter leiterin direktor direktorin prokurist vorstand inhaber
    directeur directrice responsable gérant gerant président presidente diretor diretora director-general
    gerente jefe jefa socio socia fondateur fondatrice fundador fundadora dyrektor kierownik prezes
    """.split()
)
# Titles a rep may type in lower case ("met jane, cto at acme").
TITLE_ACRONYMS: frozenset[str] = frozenset(
    "ceo cto cfo coo cmo cio cso cro cpo ciso chro cdo vp svp evp avp md gm".split()
)
# Seniority words that are titles only next to a title word ("Senior Analyst", not "Senior").
SENIORITY_WORDS: frozenset[str] = frozenset("senior junior sr jr principal staff global regional".split())
CJK_TITLE_ENDINGS: tuple[str, ...] = (
    "部長", "課長", "社長", "会長", "係長", "室長", "所長", "店長", "主任", "取締役", "役員", "部长", "经理",
    "經理", "总监", "總監", "总裁", "總裁", "董事", "主管", "专员", "부장", "과장", "차장", "대리", "사장",
    "이사", "팀장", "대표", "상무", "전무", "실장", "본부장", "매니저",
)  # fmt: skip

# Legal forms, as normalised tokens ("S.A." -> "sa", "A/S" -> "a s", "sp. z o.o." -> "sp z oo").
LEGAL_SUFFIX_TOKENS: frozenset[str] = frozenset(
    """
    inc incorporated corp corporation co company ltd limited llc llp lp plc pllc gmbh mbh ag kg kgaa se sa
    sas sarl sl slu srl spa bv nv kk gk ab asa aps oy oyj pty pvt pte sdn bhd tbk sro doo zrt ohg ug
    ltda eireli
    """.split()
)
LEGAL_SUFFIX_RUNS: tuple[tuple[str, ...], ...] = (
    ("sp", "z", "oo"), ("a", "s"), ("sa", "de", "cv"), ("s", "a"), ("s", "p", "a"), ("e", "v"),
)  # fmt: skip
CJK_COMPANY_MARKERS: tuple[str, ...] = (
    "株式会社", "有限会社", "合同会社", "(株)", "（株）", "股份有限公司", "有限公司", "集团", "集團", "公司",
    "주식회사", "(주)", "（주）", "그룹",
)  # fmt: skip
# Words that make a capitalised phrase a company rather than a person ("Volvo Cars", "Kite Analytics").
COMPANY_WORDS: frozenset[str] = frozenset(
    """
    group labs lab electronics software systems technologies technology tech solutions ventures capital
    partners holdings holding bank banking insurance consulting analytics data cloud digital media studio
    studios institute university universität université hospital hospitals clinic motors cars auto steel
    foods pharma health healthcare energy logistics trading services global international industries
    networks security agency associates associés söhne sons brothers enterprises maschinenbau airlines
    """.split()
)
# Name particles that may be written in lower case inside a name ("Maximilian von Stein").
NAME_PARTICLES: frozenset[str] = frozenset(
    "von van der den de da di del della dos das du le la bin binti ibn al el y zu ter ten af av".split()
)
HONORIFIC_RE = re.compile(
    r"^(?:(?:dr|mr|mrs|ms|mx|prof|herr|frau|mme|mlle|sr|sra|srta|sir|dame)\.?|m\.)\s+", re.I
)
# Labels that sit next to a phone, address or e-mail on a card: "Tel:", "M:", "E:".
LABELS: frozenset[str] = frozenset(
    """
    tel tel. t p ph phone telephone mobile mob m cell cellphone handy fax f e email e-mail mail w web
    website site office direct whatsapp wechat linkedin li and or office: mobile: landline
    """.split()
)
# Common words that start notes, never names or companies ("Also: ...", "Thanks Bob").
STOPWORDS: frozenset[str] = frozenset(
    """
    a an the and or but also and so then just only very really more less some any all this that these
    those it its he she they we i you her his him them their our us my me your hi hello hey thanks thank
    cheers regards best kind warm great good nice happy call back follow up re fw fwd note notes lead
    leads contact contacts met meet meeting talked spoke chatted ran today yesterday tomorrow tonight
    morning afternoon evening week month year monday tuesday wednesday thursday friday saturday sunday
    wants want wanted asked asks needs need interested looking said says told new old next last from at
    with for to of in on by via per about after before booth stand card email emails phone number please
    yes no not maybe ok okay sent send see saw will would could should can may might must is are was were
    be been has have had do does did re: tbd n/a none someone somebody everyone person
    """.split()
)
# Departments that follow a title word inside a title ("VP Sales", "Head of Growth", "IT Lead").
DEPARTMENT_WORDS: frozenset[str] = frozenset(
    """
    sales marketing engineering growth product products finance operations ops it hr people procurement
    purchasing partnerships business development bizdev revops revenue data security technology strategy
    legal compliance design research innovation digital customer success support supply chain logistics
    communications comms brand ecommerce e-commerce risk talent infrastructure platform analytics
    """.split()
)
# Words that follow "met" but are not anybody's name ("met someone from Acme", "met two people").
NOT_A_NAME: frozenset[str] = frozenset(
    """
    someone somebody anyone everyone everybody nobody person people guy guys girl girls lady ladies man men
    woman women folks team teams folk customer customers client clients prospect prospects vendor vendors
    two three four five several few many lots bunch couple both each other others sales ops there here
    up again briefly quickly later earlier
    """.split()
)
# What a lead-in, greeting or sign-off is made of: a note of only these words says nothing.
FILLER_WORDS: frozenset[str] = frozenset(
    """
    a an the this that these those her his their my our its he she they him them me us it person people
    someone guy lady at from in on by with of to for and booth stand table card business signature today
    here there hi hello hey dear thanks thank you cheers best kind warm regards wishes sincerely yours
    truly all many greetings met meet just also ps p.s
    """.split()
)
# Verbs around an intent signal: "asked for pricing" says no more than the pricing signal.
INTENT_WORDS: frozenset[str] = frozenset(
    """
    asked ask asks wants want wanted needs need needed requested request requests requesting interested
    keen would like likes some more info about a an the for in on our us me them send sent get
    """.split()
)
