"""Messages reps type at a booth, and what a careful reader takes from each.

Every expected contact lists name, title, company, emails, phones, event and signals; a field
left out is expected to be empty. Phones are E.164. Signals are compared as a set here (their
order is a rule tested on its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.model import Signal

PRICING, QUOTE, DEMO = Signal.PRICING, Signal.QUOTE, Signal.DEMO
CALL, REFERRAL, ENGAGED = Signal.CALL_BOOKED, Signal.REFERRAL, Signal.ENGAGED


@dataclass(frozen=True)
class Expected:
    name: str = ""
    title: str = ""
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    event: str = ""
    signals: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class Case:
    text: str
    contacts: list[Expected] = field(default_factory=list)
    region: str = "US"
    channel_event: str = ""


E = Expected

CORPUS: list[Case] = [
    # --- booth notes, one person per message --------------------------------------------
    Case(
        "met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132, "
        "wants analytics for 40 field reps",
        [E("Jane Doe", "VP Marketing", "Acme Corp", ("jane.doe@acme.com",), ("+14155550132",))],
    ),
    Case(
        "talked to Sofía Martínez from Telefónica, CFO, asked for pricing",
        [E("Sofía Martínez", "CFO", "Telefónica", signals=(PRICING,))],
    ),
    Case(
        "Chen Wei, 陈伟, Alibaba, chen.wei@alibaba-inc.com",
        [E("Chen Wei", "", "Alibaba", ("chen.wei@alibaba-inc.com",))],
    ),
    Case(
        "田中 太郎 株式会社ソニー 営業部長 taro@sony.co.jp",
        [E("田中 太郎", "営業部長", "株式会社ソニー", ("taro@sony.co.jp",))],
    ),
    Case(
        "Dr. Hans Müller | Head of Procurement | Müller & Söhne GmbH | hans.mueller@mueller-soehne.de | +49 89 1234567",
        [
            E(
                "Hans Müller",
                "Head of Procurement",
                "Müller & Söhne GmbH",
                ("hans.mueller@mueller-soehne.de",),
                ("+49891234567",),
            )
        ],
    ),
    Case(
        "new lead: João Silva, Head of IT at Natura, joao.silva@natura.com.br, +55 11 91234-5678, "
        "wants a demo next week",
        [
            E(
                "João Silva",
                "Head of IT",
                "Natura",
                ("joao.silva@natura.com.br",),
                ("+5511912345678",),
                signals=(DEMO,),
            )
        ],
    ),
    Case(
        "ran into Agnieszka Kowalczyk (Allegro) at Web Summit 2026, agnieszka.kowalczyk@allegro.pl, "
        "asked for a quote for 200 seats",
        [
            E(
                "Agnieszka Kowalczyk",
                "",
                "Allegro",
                ("agnieszka.kowalczyk@allegro.pl",),
                event="Web Summit 2026",
                signals=(QUOTE,),
            )
        ],
    ),
    Case(
        "Kim Min-jun, Product Manager, Samsung Electronics, minjun.kim@samsung.com, +82 2 1234 5678",
        [
            E(
                "Kim Min-jun",
                "Product Manager",
                "Samsung Electronics",
                ("minjun.kim@samsung.com",),
                ("+82212345678",),
            )
        ],
    ),
    Case(
        "Priya Sharma - Director of Sales Ops - Infosys - priya.sharma@infosys.com - +91 98765 43210",
        [
            E(
                "Priya Sharma",
                "Director of Sales Ops",
                "Infosys",
                ("priya.sharma@infosys.com",),
                ("+919876543210",),
            )
        ],
    ),
    Case(
        "Ahmed Al-Mansouri, Managing Director, Gulf Trading LLC, ahmed@gulftrading.ae, +971 4 331 4567, "
        "referred by Ann Lee",
        [
            E(
                "Ahmed Al-Mansouri",
                "Managing Director",
                "Gulf Trading LLC",
                ("ahmed@gulftrading.ae",),
                ("+97143314567",),
                signals=(REFERRAL,),
            )
        ],
    ),
    Case(
        "card from Li Na — Procurement Manager, Haier Group, lina@haier.cn, 138 0013 8000",
        [E("Li Na", "Procurement Manager", "Haier Group", ("lina@haier.cn",), ("+8613800138000",))],
    ),
    Case(
        "lead: Sarah O'Connor, Founder & CEO at Brightleaf, sarah@brightleaf.io, downloaded the whitepaper last week",
        [E("Sarah O'Connor", "Founder & CEO", "Brightleaf", ("sarah@brightleaf.io",), signals=(ENGAGED,))],
    ),
    Case(
        "Tom Becker tom@beckerbau.de 0171 2345678 wants a quote",
        [E("Tom Becker", "", "", ("tom@beckerbau.de",), ("+491712345678",), signals=(QUOTE,))],
    ),
    Case(
        "met Lucía Fernández at the Dreamforce booth, Marketing Director at Iberdrola, "
        "lucia.fernandez@iberdrola.es, booked a call for Tuesday",
        [
            E(
                "Lucía Fernández",
                "Marketing Director",
                "Iberdrola",
                ("lucia.fernandez@iberdrola.es",),
                event="Dreamforce",
                signals=(CALL,),
            )
        ],
    ),
    Case(
        "contact: Anna Nowak, anna.nowak@pkobp.pl",
        [E("Anna Nowak", emails=("anna.nowak@pkobp.pl",))],
    ),
    Case(
        "just an email: mike.jones@initech.com",
        [E(emails=("mike.jones@initech.com",))],
    ),
    Case(
        "+44 20 7946 0958 - David Clarke, Head of Partnerships, Barclays",
        [E("David Clarke", "Head of Partnerships", "Barclays", phones=("+442079460958",))],
    ),
    Case(
        "call back +1 212 555 0147 re: pricing",
        [E(phones=("+12125550147",), signals=(PRICING,))],
    ),
    Case(
        "Met Giulia Rossi at Salone del Mobile, she's Buyer at Natuzzi, giulia.rossi@natuzzi.it, 02 1234 5678",
        [
            E(
                "Giulia Rossi",
                "Buyer",
                "Natuzzi",
                ("giulia.rossi@natuzzi.it",),
                ("+390212345678",),
                event="Salone del Mobile",
            )
        ],
    ),
    Case(
        "Met Aiko Suzuki from Rakuten at Japan IT Week, aiko.suzuki@rakuten.co.jp, 090-1234-5678, wants a trial",
        [
            E(
                "Aiko Suzuki",
                "",
                "Rakuten",
                ("aiko.suzuki@rakuten.co.jp",),
                ("+819012345678",),
                event="Japan IT Week",
                signals=(DEMO,),
            )
        ],
    ),
    Case(
        "Mohammed Khan, Senior Analyst, HSBC, m.khan@hsbc.co.uk, 07911 123456",
        [E("Mohammed Khan", "Senior Analyst", "HSBC", ("m.khan@hsbc.co.uk",), ("+447911123456",))],
    ),
    Case(
        "talked to Sophie Laurent, she asked for the price list, sophie.laurent@loreal.com",
        [E("Sophie Laurent", emails=("sophie.laurent@loreal.com",), signals=(PRICING,))],
    ),
    Case(
        "Carlos Gómez (Mercado Libre) — wants pricing and a demo, carlos.gomez@mercadolibre.com.ar",
        [
            E(
                "Carlos Gómez",
                "",
                "Mercado Libre",
                ("carlos.gomez@mercadolibre.com.ar",),
                signals=(PRICING, DEMO),
            )
        ],
    ),
    Case(
        "Hiroshi Yamamoto, 山本 浩, General Manager, Toyota Tsusho, h.yamamoto@toyota-tsusho.com",
        [E("Hiroshi Yamamoto", "General Manager", "Toyota Tsusho", ("h.yamamoto@toyota-tsusho.com",))],
    ),
    Case(
        "김민수 삼성전자 부장 minsu.kim@samsung.com",
        [E("김민수", "부장", "삼성전자", ("minsu.kim@samsung.com",))],
    ),
    Case(
        "王芳 华为技术有限公司 采购经理 wangfang@huawei.com +86 755 2878 0808",
        [E("王芳", "采购经理", "华为技术有限公司", ("wangfang@huawei.com",), ("+8675528780808",))],
    ),
    Case(
        "Rahul Verma, VP Engineering at Flipkart. rahul.verma@flipkart.com / +91 80 4719 1999. "
        "Interested in the enterprise plan, opened all our emails",
        [
            E(
                "Rahul Verma",
                "VP Engineering",
                "Flipkart",
                ("rahul.verma@flipkart.com",),
                ("+918047191999",),
                signals=(ENGAGED,),
            )
        ],
    ),
    Case(
        "inbound from the website form: Emily Chen, emily.chen@stripe.com, Payments Lead at Stripe",
        [E("Emily Chen", "Payments Lead", "Stripe", ("emily.chen@stripe.com",), signals=(ENGAGED,))],
    ),
    Case(
        "Fatima Zahra El Idrissi | Purchasing Manager | OCP Group | f.elidrissi@ocpgroup.ma | +212 5 22 23 00 25",
        [
            E(
                "Fatima Zahra El Idrissi",
                "Purchasing Manager",
                "OCP Group",
                ("f.elidrissi@ocpgroup.ma",),
                ("+212522230025",),
            )
        ],
    ),
    Case(
        "met Omar Abdullah at GITEX, Head of Digital, Emirates NBD, omar.abdullah@emiratesnbd.com, "
        "+971 50 123 4567, asked for a proposal",
        [
            E(
                "Omar Abdullah",
                "Head of Digital",
                "Emirates NBD",
                ("omar.abdullah@emiratesnbd.com",),
                ("+971501234567",),
                event="GITEX",
                signals=(QUOTE,),
            )
        ],
    ),
    Case(
        "Klaus Weber, Geschäftsführer, Weber Maschinenbau GmbH, k.weber@weber-maschinenbau.de, 089 123456 78",
        [
            E(
                "Klaus Weber",
                "Geschäftsführer",
                "Weber Maschinenbau GmbH",
                ("k.weber@weber-maschinenbau.de",),
                ("+498912345678",),
            )
        ],
    ),
    Case(
        "Spoke with Marta Wiśniewska, Logistics Manager at InPost, marta.wisniewska@inpost.pl, +48 22 123 45 67",
        [
            E(
                "Marta Wiśniewska",
                "Logistics Manager",
                "InPost",
                ("marta.wisniewska@inpost.pl",),
                ("+48221234567",),
            )
        ],
    ),
    Case(
        "Jean-Pierre Lefèvre, Partner, Lefèvre & Associés, jp@lefevre-associes.fr",
        [E("Jean-Pierre Lefèvre", "Partner", "Lefèvre & Associés", ("jp@lefevre-associes.fr",))],
    ),
    Case(
        "Dr. Anjali Gupta, Chief Medical Officer at Apollo Hospitals, anjali.gupta@apollohospitals.com, "
        "referred by Dr. Mehta",
        [
            E(
                "Anjali Gupta",
                "Chief Medical Officer",
                "Apollo Hospitals",
                ("anjali.gupta@apollohospitals.com",),
                signals=(REFERRAL,),
            )
        ],
    ),
    Case(
        "Mr. John Smith, Owner, Smith Plumbing, (312) 555-0176, john@smithplumbing.com, wants a quote for 3 vans",
        [
            E(
                "John Smith",
                "Owner",
                "Smith Plumbing",
                ("john@smithplumbing.com",),
                ("+13125550176",),
                signals=(QUOTE,),
            )
        ],
    ),
    Case(
        "Ms. Linda Park - linda.park@kakao.com - Kakao Corp - Head of Growth",
        [E("Linda Park", "Head of Growth", "Kakao Corp", ("linda.park@kakao.com",))],
    ),
    Case(
        "met at SaaStr: Ben Carter, RevOps Manager, Gong, ben.carter@gong.io",
        [E("Ben Carter", "RevOps Manager", "Gong", ("ben.carter@gong.io",), event="SaaStr")],
    ),
    Case(
        "Alice Moreau, alice@doctrine.fr, CMO at Doctrine",
        [E("Alice Moreau", "CMO", "Doctrine", ("alice@doctrine.fr",), event="saastr-2026")],
        channel_event="saastr-2026",
    ),
    Case("Raj Patel", [E("Raj Patel")]),
    Case("zoe@fintechly.co", [E(emails=("zoe@fintechly.co",))]),
    Case(
        "Lukas Novák, Škoda Auto, lukas.novak@skoda-auto.cz, +420 326 811 111",
        [E("Lukas Novák", "", "Škoda Auto", ("lukas.novak@skoda-auto.cz",), ("+420326811111",))],
    ),
    Case(
        "Emre Yılmaz, Sales Director, Turkcell, emre.yilmaz@turkcell.com.tr, +90 212 313 10 00",
        [
            E(
                "Emre Yılmaz",
                "Sales Director",
                "Turkcell",
                ("emre.yilmaz@turkcell.com.tr",),
                ("+902123131000",),
            )
        ],
    ),
    Case(
        "Nguyen Van An, IT Manager, FPT Software, an.nguyen@fpt.com.vn",
        [E("Nguyen Van An", "IT Manager", "FPT Software", ("an.nguyen@fpt.com.vn",))],
    ),
    Case(
        "Sven Larsen <sven.larsen@maersk.com>, Head of Procurement, Maersk",
        [E("Sven Larsen", "Head of Procurement", "Maersk", ("sven.larsen@maersk.com",))],
    ),
    Case(
        "Two emails for Paul Meyer: paul.meyer@bosch.com and p.meyer@gmail.com, mobile +49 151 23456789, "
        "office +49 711 400 40990",
        [
            E(
                "Paul Meyer",
                emails=("paul.meyer@bosch.com", "p.meyer@gmail.com"),
                phones=("+4915123456789", "+4971140040990"),
            )
        ],
    ),
    Case(
        "Isabel Ortiz, COO, Cabify, isabel.ortiz@cabify.com, wants a demo, asked about pricing, "
        "booked a meeting for March 3",
        [
            E(
                "Isabel Ortiz",
                "COO",
                "Cabify",
                ("isabel.ortiz@cabify.com",),
                signals=(DEMO, PRICING, CALL),
            )
        ],
    ),
    Case(
        "Vikram Singh, vikram@zomato.com, team of 120, budget $50k, follow up 2026-04-15",
        [E("Vikram Singh", emails=("vikram@zomato.com",))],
    ),
    Case(
        "Fernando Alves (Nubank), fernando.alves@nubank.com.br, visited the pricing page twice",
        [E("Fernando Alves", "", "Nubank", ("fernando.alves@nubank.com.br",), signals=(PRICING,))],
    ),
    Case(
        "Hannah Schulz, PhD Student, TU München, hannah.schulz@tum.de",
        [E("Hannah Schulz", "PhD Student", "TU München", ("hannah.schulz@tum.de",))],
    ),
    Case(
        "Dmitri Ivanov, Lead Data Engineer, JetBrains, dmitri.ivanov@jetbrains.com, +420 241 722 501",
        [
            E(
                "Dmitri Ivanov",
                "Lead Data Engineer",
                "JetBrains",
                ("dmitri.ivanov@jetbrains.com",),
                ("+420241722501",),
            )
        ],
    ),
    Case(
        "Met Ji-woo Park (LG Electronics) at CES, jiwoo.park@lge.com, asked for a trial and pricing",
        [
            E(
                "Ji-woo Park",
                "",
                "LG Electronics",
                ("jiwoo.park@lge.com",),
                event="CES",
                signals=(DEMO, PRICING),
            )
        ],
    ),
    Case(
        "Arjun Mehta | Founder | Kite Analytics | arjun@kiteanalytics.in | +91 22 6123 4567 | kiteanalytics.in",
        [E("Arjun Mehta", "Founder", "Kite Analytics", ("arjun@kiteanalytics.in",), ("+912261234567",))],
    ),
    Case(
        "Siobhán Ní Bhriain, Procurement, Ryanair, siobhan.nibhriain@ryanair.com, +353 1 945 1212",
        [
            E(
                "Siobhán Ní Bhriain",
                "Procurement",
                "Ryanair",
                ("siobhan.nibhriain@ryanair.com",),
                ("+35319451212",),
            )
        ],
    ),
    Case(
        "Pedro Sánchez, Consultant, Deloitte, pedro.sanchez@deloitte.es, 912 345 678",
        [E("Pedro Sánchez", "Consultant", "Deloitte", ("pedro.sanchez@deloitte.es",), ("+34912345678",))],
    ),
    Case(
        "Marco Bianchi from Ferrero, marco.bianchi@ferrero.com, wants pricing for 40 field reps",
        [E("Marco Bianchi", "", "Ferrero", ("marco.bianchi@ferrero.com",), signals=(PRICING,))],
    ),
    Case(
        "chatted with Elena Petrova at the booth, elena.petrova@kaspersky.com, downloaded our ebook",
        [E("Elena Petrova", emails=("elena.petrova@kaspersky.com",), signals=(ENGAGED,))],
    ),
    Case(
        "Lead: Tariq Hussain, Operations Manager, Careem, tariq@careem.com, 0501234567",
        [E("Tariq Hussain", "Operations Manager", "Careem", ("tariq@careem.com",), ("+971501234567",))],
        region="AE",
    ),
    Case(
        "Met Wei Zhang from Tencent, wei.zhang@tencent.com, +86 755 8601 3388, WeChat same number",
        [E("Wei Zhang", "", "Tencent", ("wei.zhang@tencent.com",), ("+8675586013388",))],
    ),
    Case(
        "Nadia Benali, nadia.benali@capgemini.com, Capgemini, Senior Consultant, met at VivaTech",
        [
            E(
                "Nadia Benali",
                "Senior Consultant",
                "Capgemini",
                ("nadia.benali@capgemini.com",),
                event="VivaTech",
            )
        ],
    ),
    Case(
        "Hugo Girard — hugo@alan.eu — said they're evaluating us vs. Salesforce, wants a proposal by Friday",
        [E("Hugo Girard", emails=("hugo@alan.eu",), signals=(QUOTE,))],
    ),
    Case(
        "Santiago Herrera, CEO, Rappi, santiago@rappi.com, +57 601 234 5678",
        [E("Santiago Herrera", "CEO", "Rappi", ("santiago@rappi.com",), ("+576012345678",))],
    ),
    Case(
        "Gabriela Souza, gabriela.souza@itau.com.br, (11) 3003-4828",
        [E("Gabriela Souza", emails=("gabriela.souza@itau.com.br",), phones=("+551130034828",))],
    ),
    Case(
        "Thomas Müller, Head of Purchasing at Bosch Rexroth AG, thomas.mueller@boschrexroth.de",
        [E("Thomas Müller", "Head of Purchasing", "Bosch Rexroth AG", ("thomas.mueller@boschrexroth.de",))],
    ),
    Case(
        "Aarav Nair, Student, IIT Bombay, aarav.nair@iitb.ac.in — interested in internship, not a buyer",
        [E("Aarav Nair", "Student", "IIT Bombay", ("aarav.nair@iitb.ac.in",))],
    ),
    Case(
        "Dr. Yusuf Demir, Researcher at Max Planck Institute, y.demir@mpg.de",
        [E("Yusuf Demir", "Researcher", "Max Planck Institute", ("y.demir@mpg.de",))],
    ),
    Case(
        "Jane Doe / ACME Corp. / jane@acme.com",
        [E("Jane Doe", "", "ACME Corp.", ("jane@acme.com",))],
    ),
    Case(
        "jane doe, Acme Corporation, jane.doe@acme.com",
        [E("Jane Doe", "", "Acme Corporation", ("jane.doe@acme.com",))],
    ),
    Case(
        "met Bob Lee at Web Summit, bob@lee.dev",
        [E("Bob Lee", emails=("bob@lee.dev",), event="Web Summit")],
    ),
    Case(
        "Met Chloé Bernard at Salesforce World Tour Paris, Directrice Marketing at BlaBlaCar, "
        "chloe.bernard@blablacar.com",
        [
            E(
                "Chloé Bernard",
                "Directrice Marketing",
                "BlaBlaCar",
                ("chloe.bernard@blablacar.com",),
                event="Salesforce World Tour Paris",
            )
        ],
    ),
    Case(
        "Referred by Ann Lee: Kevin Nguyen, Head of Sales at Zapier, kevin@zapier.com",
        [E("Kevin Nguyen", "Head of Sales", "Zapier", ("kevin@zapier.com",), signals=(REFERRAL,))],
    ),
    Case(
        "Abdul Rahman bin Ismail, Petronas, abdulrahman@petronas.com.my, +60 3-2051 5000",
        [E("Abdul Rahman bin Ismail", "", "Petronas", ("abdulrahman@petronas.com.my",), ("+60320515000",))],
    ),
    Case(
        "Liam Murphy | liam.murphy@intercom.io | Intercom | +353 87 123 4567 | booked a call for next Tuesday",
        [E("Liam Murphy", "", "Intercom", ("liam.murphy@intercom.io",), ("+353871234567",), signals=(CALL,))],
    ),
    Case(
        "Grace Okafor, Country Manager Nigeria, Flutterwave, grace.okafor@flutterwave.com, +234 803 123 4567",
        [
            E(
                "Grace Okafor",
                "Country Manager Nigeria",
                "Flutterwave",
                ("grace.okafor@flutterwave.com",),
                ("+2348031234567",),
            )
        ],
    ),
    Case(
        "Kenji Watanabe (Panasonic) — kenji.watanabe@jp.panasonic.com — +81 6-6908-1121 — visited our site, "
        "wants a quote",
        [
            E(
                "Kenji Watanabe",
                "",
                "Panasonic",
                ("kenji.watanabe@jp.panasonic.com",),
                ("+81669081121",),
                signals=(ENGAGED, QUOTE),
            )
        ],
    ),
    Case(
        "Mateus Oliveira, mateus@vtex.com, VTEX, CFO, asked for the pricing deck and a proposal",
        [E("Mateus Oliveira", "CFO", "VTEX", ("mateus@vtex.com",), signals=(PRICING, QUOTE))],
    ),
    Case(
        "Robert Brown, robert.brown@walmart.com, +1 479 273 4000 ext 123",
        [E("Robert Brown", emails=("robert.brown@walmart.com",), phones=("+14792734000",))],
    ),
    Case(
        "Ines Moreno, CTO, Glovo, ines@glovoapp.com, https://www.linkedin.com/in/inesmoreno",
        [E("Ines Moreno", "CTO", "Glovo", ("ines@glovoapp.com",))],
    ),
    Case(
        "Priya Nair, VP Finance, Freshworks, priya.nair@freshworks.com, call her at +91 44 6667 8000, "
        "she wants a demo for 25 users",
        [
            E(
                "Priya Nair",
                "VP Finance",
                "Freshworks",
                ("priya.nair@freshworks.com",),
                ("+914466678000",),
                signals=(DEMO,),
            )
        ],
    ),
    Case(
        "Mei Lin 林美 — Head of Operations, Grab — meilin@grab.com — +65 6123 4567",
        [E("Mei Lin", "Head of Operations", "Grab", ("meilin@grab.com",), ("+6561234567",))],
    ),
    Case(
        "Ravi Kumar, Buyer, Tata Steel, ravi.kumar@tatasteel.com, 9876543210",
        [E("Ravi Kumar", "Buyer", "Tata Steel", ("ravi.kumar@tatasteel.com",), ("+919876543210",))],
        region="IN",
    ),
    Case(
        "Anders Nielsen, Novo Nordisk A/S, anders.nielsen@novonordisk.dk, +45 44 44 88 88",
        [E("Anders Nielsen", "", "Novo Nordisk A/S", ("anders.nielsen@novonordisk.dk",), ("+4544448888",))],
    ),
    Case(
        "Sophia Rossi, Managing Director, Accenture Italia, sophia.rossi@accenture.com, met at the Milan AI Summit, "
        "wants a demo",
        [
            E(
                "Sophia Rossi",
                "Managing Director",
                "Accenture Italia",
                ("sophia.rossi@accenture.com",),
                event="Milan AI Summit",
                signals=(DEMO,),
            )
        ],
    ),
    Case(
        "Daniel Cohen, daniel@wix.com, +972 3 545 4900, Wix",
        [E("Daniel Cohen", "", "Wix", ("daniel@wix.com",), ("+97235454900",))],
    ),
    Case(
        "Maximilian von Stein, Partner, von Stein Ventures, max@vonstein.vc",
        [E("Maximilian von Stein", "Partner", "von Stein Ventures", ("max@vonstein.vc",))],
    ),
    Case(
        "Noura Al-Saud, Director of Strategy at Saudi Aramco, noura.alsaud@aramco.com, +966 13 872 0115",
        [
            E(
                "Noura Al-Saud",
                "Director of Strategy",
                "Saudi Aramco",
                ("noura.alsaud@aramco.com",),
                ("+966138720115",),
            )
        ],
    ),
    Case(
        "Meeting on 12/03/2026 with Sam Rivera, sam@rivera.co, zip 94107, office at 500 Howard St",
        [E("Sam Rivera", emails=("sam@rivera.co",))],
    ),
    Case(
        "Emma Johansson, Spotify, emma.j@spotify.com, asked for pricing\nAlso: she wants a demo next month",
        [E("Emma Johansson", "", "Spotify", ("emma.j@spotify.com",), signals=(PRICING, DEMO))],
    ),
    # --- pasted signatures and business cards: one person over several lines -------------
    Case(
        "Maria Schmidt\nSenior Account Manager\nSiemens AG\nTel: +49 30 12345678\nmaria.schmidt@siemens.com",
        [
            E(
                "Maria Schmidt",
                "Senior Account Manager",
                "Siemens AG",
                ("maria.schmidt@siemens.com",),
                ("+493012345678",),
            )
        ],
    ),
    Case(
        "Olivier Martin\nCTO | Doctolib\nolivier.martin@doctolib.fr\n+33 6 12 34 56 78\nlinkedin.com/in/oliviermartin",
        [E("Olivier Martin", "CTO", "Doctolib", ("olivier.martin@doctolib.fr",), ("+33612345678",))],
    ),
    Case(
        "Best regards,\nRobert Fischer\nVice President Sales EMEA\nSAP SE\nDietmar-Hopp-Allee 16, 69190 Walldorf\n"
        "Phone: +49 6227 7 47474\nrobert.fischer@sap.com\nwww.sap.com",
        [
            E(
                "Robert Fischer",
                "Vice President Sales EMEA",
                "SAP SE",
                ("robert.fischer@sap.com",),
                ("+496227747474",),
            )
        ],
    ),
    Case(
        "Ana Costa\nDiretora Comercial\nSonae\nana.costa@sonae.pt\n+351 21 123 4567",
        [E("Ana Costa", "Diretora Comercial", "Sonae", ("ana.costa@sonae.pt",), ("+351211234567",))],
    ),
    Case(
        "--\nKatarzyna Zielińska\nHead of Marketing | LiveChat S.A.\nkatarzyna.zielinska@livechat.com | +48 71 123 45 67",
        [
            E(
                "Katarzyna Zielińska",
                "Head of Marketing",
                "LiveChat S.A.",
                ("katarzyna.zielinska@livechat.com",),
                ("+48711234567",),
            )
        ],
    ),
    Case(
        "Sakura Ito\n伊藤 さくら\nMarketing Manager\nNTT Data\nsakura.ito@nttdata.co.jp\n080-1234-5678",
        [E("Sakura Ito", "Marketing Manager", "NTT Data", ("sakura.ito@nttdata.co.jp",), ("+818012345678",))],
    ),
    Case(
        "Yasmin Haddad\nRegional Director MENA\nCisco\nM: +971 55 987 6543\nE: yhaddad@cisco.com",
        [E("Yasmin Haddad", "Regional Director MENA", "Cisco", ("yhaddad@cisco.com",), ("+971559876543",))],
    ),
    Case(
        "Pierre Dubois\nHead of Sales France\nRenault Group\n+33 1 76 84 04 04\npierre.dubois@renault.com",
        [
            E(
                "Pierre Dubois",
                "Head of Sales France",
                "Renault Group",
                ("pierre.dubois@renault.com",),
                ("+33176840404",),
            )
        ],
    ),
    # --- bulk messages: several people, one per line or bullet ---------------------------
    Case(
        "more from the booth:\n- Raj Patel, CTO, Globex GmbH, raj@globex.de\n"
        "- Yuki Tanaka (Sony) yuki.tanaka@sony.co.jp 03-1234-5678",
        [
            E("Raj Patel", "CTO", "Globex GmbH", ("raj@globex.de",)),
            E("Yuki Tanaka", "", "Sony", ("yuki.tanaka@sony.co.jp",), ("+81312345678",)),
        ],
    ),
    Case(
        "from today's meetup:\n1. Emma Wilson, emma@quantive.io, asked for a demo\n"
        "2. Noah Brown, CTO at Loop Labs, noah@looplabs.com\n"
        "3. Olivia Taylor, olivia.taylor@acmehealth.com, +1 617 555 0199",
        [
            E("Emma Wilson", emails=("emma@quantive.io",), signals=(DEMO,)),
            E("Noah Brown", "CTO", "Loop Labs", ("noah@looplabs.com",)),
            E("Olivia Taylor", emails=("olivia.taylor@acmehealth.com",), phones=("+16175550199",)),
        ],
    ),
    Case(
        "• Lars Andersson, Volvo Cars, lars.andersson@volvocars.se, +46 31 123 45 67\n"
        "• Ingrid Johansson, Procurement Lead, Ericsson, ingrid.johansson@ericsson.com",
        [
            E("Lars Andersson", "", "Volvo Cars", ("lars.andersson@volvocars.se",), ("+46311234567",)),
            E("Ingrid Johansson", "Procurement Lead", "Ericsson", ("ingrid.johansson@ericsson.com",)),
        ],
    ),
    Case(
        "* Mia Hoffmann, mia.hoffmann@zalando.de\n* Felix Wagner, Head of Data, Delivery Hero, "
        "felix.wagner@deliveryhero.com\n* Lea Schneider, +49 40 1234567",
        [
            E("Mia Hoffmann", emails=("mia.hoffmann@zalando.de",)),
            E("Felix Wagner", "Head of Data", "Delivery Hero", ("felix.wagner@deliveryhero.com",)),
            E("Lea Schneider", phones=("+49401234567",)),
        ],
    ),
    Case(
        "leads from today:\nFranz Huber, franz.huber@bmw.de\nSabine Wolf, sabine.wolf@audi.de, 0841 89 12345\n"
        "Jonas Keller, jonas.keller@allianz.de",
        [
            E("Franz Huber", emails=("franz.huber@bmw.de",), event="hannover-messe-2026"),
            E(
                "Sabine Wolf",
                emails=("sabine.wolf@audi.de",),
                phones=("+498418912345",),
                event="hannover-messe-2026",
            ),
            E("Jonas Keller", emails=("jonas.keller@allianz.de",), event="hannover-messe-2026"),
        ],
        channel_event="hannover-messe-2026",
    ),
    Case(
        "- Tom Hardy, Acme\n- Lisa Ray, Globex",
        [E("Tom Hardy", "", "Acme"), E("Lisa Ray", "", "Globex")],
    ),
    Case(
        "met at Web Summit 2026:\n- Carla Mendes, Head of Growth, Talkdesk, carla.mendes@talkdesk.com\n"
        "- Bruno Lopes, bruno.lopes@feedzai.com, wants pricing",
        [
            E(
                "Carla Mendes",
                "Head of Growth",
                "Talkdesk",
                ("carla.mendes@talkdesk.com",),
                event="Web Summit 2026",
            ),
            E(
                "Bruno Lopes",
                emails=("bruno.lopes@feedzai.com",),
                event="Web Summit 2026",
                signals=(PRICING,),
            ),
        ],
    ),
    Case(
        "Ayşe Demir, ayse.demir@getir.com, Getir\nMehmet Öz, mehmet.oz@trendyol.com, Trendyol, Buyer",
        [
            E("Ayşe Demir", "", "Getir", ("ayse.demir@getir.com",)),
            E("Mehmet Öz", "Buyer", "Trendyol", ("mehmet.oz@trendyol.com",)),
        ],
    ),
    Case(
        "- Sunita Rao (Wipro) sunita.rao@wipro.com, asked for a proposal\n"
        "  follow up after Diwali\n"
        "- Deepak Joshi, Analyst, Zoho, deepak@zoho.com",
        [
            E("Sunita Rao", "", "Wipro", ("sunita.rao@wipro.com",), signals=(QUOTE,)),
            E("Deepak Joshi", "Analyst", "Zoho", ("deepak@zoho.com",)),
        ],
    ),
    # --- written after the parser, as a held-out check of the rules above ------------------
    Case(
        "spoke with Matteo Ricci, Head of Finance at Pirelli, matteo.ricci@pirelli.it, wants a quote",
        [E("Matteo Ricci", "Head of Finance", "Pirelli", ("matteo.ricci@pirelli.it",), signals=(QUOTE,))],
    ),
    Case(
        "Julia Kowalski | CMO | Brainly | julia@brainly.com | +48 12 345 67 89",
        [E("Julia Kowalski", "CMO", "Brainly", ("julia@brainly.com",), ("+48123456789",))],
    ),
    Case(
        "Met Oliver Hughes at the AWS Summit London, oliver.hughes@monzo.com, Engineering Manager, Monzo",
        [
            E(
                "Oliver Hughes",
                "Engineering Manager",
                "Monzo",
                ("oliver.hughes@monzo.com",),
                event="AWS Summit London",
            )
        ],
    ),
    Case(
        "Camille Petit (Decathlon), camille.petit@decathlon.fr, 03 20 33 50 00, asked for a trial",
        [
            E(
                "Camille Petit",
                "",
                "Decathlon",
                ("camille.petit@decathlon.fr",),
                ("+33320335000",),
                signals=(DEMO,),
            )
        ],
    ),
    Case(
        "new lead: Hiroko Sato, hiroko.sato@mercari.jp, Product Lead, Mercari",
        [E("Hiroko Sato", "Product Lead", "Mercari", ("hiroko.sato@mercari.jp",))],
    ),
    Case(
        "Stefan Braun\nLeiter Einkauf\nKrones AG\nstefan.braun@krones.de\n+49 9401 70 0",
        [E("Stefan Braun", "Leiter Einkauf", "Krones AG", ("stefan.braun@krones.de",), ("+499401700",))],
    ),
    Case(
        "- Aditi Rao, aditi@razorpay.com, VP Product at Razorpay\n- Karan Malhotra, karan@cred.club, wants pricing",
        [
            E("Aditi Rao", "VP Product", "Razorpay", ("aditi@razorpay.com",)),
            E("Karan Malhotra", emails=("karan@cred.club",), signals=(PRICING,)),
        ],
    ),
    Case(
        "박지훈 LG화학 과장 jihoon.park@lgchem.com",
        [E("박지훈", "과장", "LG화학", ("jihoon.park@lgchem.com",))],
    ),
    Case(
        "talked to Youssef Amrani from OCP, y.amrani@ocpgroup.ma, booked a meeting next week, referred by Karim",
        [E("Youssef Amrani", "", "OCP", ("y.amrani@ocpgroup.ma",), signals=(CALL, REFERRAL))],
    ),
    Case("Lena Fischer, lena.fischer@n26.com", [E("Lena Fischer", emails=("lena.fischer@n26.com",))]),
    Case(
        "Ricardo Almeida, Diretor de TI, Magazine Luiza, ricardo.almeida@magalu.com.br, (11) 4003-3535",
        [
            E(
                "Ricardo Almeida",
                "Diretor de TI",
                "Magazine Luiza",
                ("ricardo.almeida@magalu.com.br",),
                ("+551140033535",),
            )
        ],
    ),
    Case(
        "ran into Zhang Li (ByteDance) at the Slush booth, zhang.li@bytedance.com, opened our last 3 emails",
        [E("Zhang Li", "", "ByteDance", ("zhang.li@bytedance.com",), event="Slush", signals=(ENGAGED,))],
    ),
    Case(
        "Erik Lindqvist, Co-Founder, Kry, erik@kry.se, 070-123 45 67, wants a demo for the clinic team",
        [E("Erik Lindqvist", "Co-Founder", "Kry", ("erik@kry.se",), ("+46701234567",), signals=(DEMO,))],
    ),
    Case(
        "Amara Okonkwo - Head of People - Andela - amara@andela.com - asked for the price list",
        [E("Amara Okonkwo", "Head of People", "Andela", ("amara@andela.com",), signals=(PRICING,))],
    ),
    Case(
        "Sean O'Brien, sean.obrien@kerrygroup.com, +353 66 718 2000, Kerry Group plc, Procurement Director",
        [
            E(
                "Sean O'Brien",
                "Procurement Director",
                "Kerry Group plc",
                ("sean.obrien@kerrygroup.com",),
                ("+353667182000",),
            )
        ],
    ),
    Case("great show today, thanks everyone!"),
    # --- from the sandbox review: bulk lines without commas, first names, lower case -----
    Case(
        "met at the booth today:\n"
        "Raj Patel CTO Fleetly raj@fleetly.io\n"
        "Lucy Chen (COO, Brightpath) lucy@brightpath.com\n"
        "Sam O'Neil - sam@oneil.ie - +353 87 123 4567\n"
        "Marie-Claire d'Arcy, Head of Growth @ Doctolib",
        [
            E("Raj Patel", "CTO", "Fleetly", ("raj@fleetly.io",)),
            E("Lucy Chen", "COO", "Brightpath", ("lucy@brightpath.com",)),
            E("Sam O'Neil", "", "", ("sam@oneil.ie",), ("+353871234567",)),
            E("Marie-Claire d'Arcy", "Head of Growth", "Doctolib"),
        ],
    ),
    Case(
        "met at the booth today:\nPeter Smith, CTO, Acme\nJane Doe, CFO at Globex",
        [E("Peter Smith", "CTO", "Acme"), E("Jane Doe", "CFO", "Globex")],
    ),
    Case(
        "Tom Becker VP Sales Personio tom.becker@personio.de\nNina Roth Head of Finance Celonis n.roth@celonis.com",
        [
            E("Tom Becker", "VP Sales", "Personio", ("tom.becker@personio.de",)),
            E("Nina Roth", "Head of Finance", "Celonis", ("n.roth@celonis.com",)),
        ],
    ),
    Case(
        "met Kim Lee; Tara Singh; Omar Haddad — all from Stripe",
        [E("Kim Lee", company="Stripe"), E("Tara Singh", company="Stripe"), E("Omar Haddad", company="Stripe")],
    ),
    Case(
        "met Kim Lee, Tara Singh and Omar Haddad, all from Stripe",
        [E("Kim Lee", company="Stripe"), E("Tara Singh", company="Stripe"), E("Omar Haddad", company="Stripe")],
    ),
    Case(
        "met Priya Nair and Luca Rossi from Adyen",
        [E("Priya Nair", company="Adyen"), E("Luca Rossi", company="Adyen")],
    ),
    Case(
        "1. Anna Schmidt, CFO, Siemens, anna.schmidt@siemens.com 2. Ben Müller, IT Lead, Bosch, ben.mueller@bosch.de",
        [
            E("Anna Schmidt", "CFO", "Siemens", ("anna.schmidt@siemens.com",)),
            E("Ben Müller", "IT Lead", "Bosch", ("ben.mueller@bosch.de",)),
        ],
    ),
    Case("met Peter", [E("Peter")]),
    Case("met Jane, CFO at Acme", [E("Jane", "CFO", "Acme")]),
    Case("met Peter from Siemens", [E("Peter", company="Siemens")]),
    Case("met Peter (Siemens), wants a demo", [E("Peter", company="Siemens", signals=(DEMO,))]),
    Case("met jane doe acme", [E("Jane Doe", company="Acme")]),
    Case("met Peter, +49 170 1234567", [E("Peter", phones=("+491701234567",))]),
    Case("met jane doe, jane@acme.com", [E("Jane Doe", emails=("jane@acme.com",))]),
    Case(
        "met mike at the bar, works at oracle, mike.j@oracle.com",
        [E("Mike", company="Oracle", emails=("mike.j@oracle.com",))],
    ),
    Case("met mike, cto at oracle", [E("Mike", "cto", "Oracle")]),
    Case("met Anna, head of procurement at Bosch", [E("Anna", "head of procurement", "Bosch")]),
    Case(
        "met 김민준 from Samsung, minjun.kim@samsung.com",
        [E("김민준", company="Samsung", emails=("minjun.kim@samsung.com",))],
    ),
    Case(
        "met José Álvarez (CTO @ Cabify) jose@cabify.com",
        [E("José Álvarez", "CTO", "Cabify", ("jose@cabify.com",))],
    ),
    Case("met at Web Summit: Peter", [E("Peter", event="Web Summit")]),
    Case(
        "met Sarah Connor at Cyberdyne Systems, asked for pricing",
        [E("Sarah Connor", company="Cyberdyne Systems", signals=(PRICING,))],
    ),
    Case("met the CTO"),
    Case("met the CTO of Acme, wants a demo"),
    Case("met someone from Stripe, asked for pricing"),
    Case("met two guys from Acme"),
    # --- names that are everyday words too ------------------------------------------------
    Case("Wanda Warm, VP Sales at Warmco, wanda@warmco.com", [E("Wanda Warm", "VP Sales", "Warmco", ("wanda@warmco.com",))]),
    Case("Will Smith, CTO at Acme, will@acme.com", [E("Will Smith", "CTO", "Acme", ("will@acme.com",))]),
    Case("May Chen, CFO, Globex, may@globex.com", [E("May Chen", "CFO", "Globex", ("may@globex.com",))]),
    Case("met Mark Good, CEO at Hooli, mark@hooli.com", [E("Mark Good", "CEO", "Hooli", ("mark@hooli.com",))]),
    Case("Grace Best, VP Ops at Initech, grace@initech.io, Best Regards",
         [E("Grace Best", "VP Ops", "Initech", ("grace@initech.io",))]),  # fmt: skip
    # --- nothing to log ------------------------------------------------------------------
    Case("thanks, that's all for today"),
    Case("more from the booth:"),
]
