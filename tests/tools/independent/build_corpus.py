# Independent hand-written corpus for consultlog lint evaluation. Markup: [[kind|text]] or [[name:origin|text]]
import json, os, random, re
random.seed(1919)
NAMES = {
 'er': ['Semhar Tesfamariam','Yonas Ghebremedhin','Luwam Habtemariam','Filmon Tekle','Senait Berhane','Dawit Woldemichael','Helen Kidane','Merhawi Asmerom'],
 'so': ['Hodan Warsame','Abdirahman Farah','Ifrah Jama','Sagal Mohamud','Khadar Osman','Nimco Hirsi','Ayaan Dualeh','Warsan Egal'],
 'sr': ['Shanice Doelwijt','Rajesh Ramdin','Priya Mahabier','Jurgen Pinas','Naomi Kromodimedjo','Sunil Jagroep','Kimberley Zeefuik','Anjali Bisessar'],
 'af': ['Zarmina Popalzai','Wahid Durrani','Mursal Sultani','Farid Noorzai','Nilofar Hotak','Basir Stanikzai','Shabnam Azizi','Homayoun Karimi'],
 'tr': ['Elif Kaya','Mehmet Yıldız','Büşra Aydın','Emre Çelik','Zeynep Öztürk','Hatice Doğan','Murat Şahin','Esra Kılıç'],
 'ma': ['Nora Ouali','Yassine El Idrissi','Fatima Benali','Karim Bouzidi','Imane El Khattabi','Soufiane Amrani','Hafsa Ait Taleb','Mohamed Azzouzi'],
 'sy': ['Rasha Haddad','Omar Al-Masri','Lina Khoury','Ahmad Sabbagh','Nour Kassab','Bashar Hamwi','Rana Jaber','Tarek Atassi'],
 'iq': ['Zainab Al-Jubouri','Haider Kareem','Shahad Al-Obaidi','Mustafa Hassan','Noor Al-Rubaie','Ali Al-Tamimi','Ruqaya Jassim','Hussein Al-Saadi'],
 'pk': ['Ayesha Qureshi','Bilal Chaudhry','Sana Malik','Usman Butt','Mahnoor Rana','Imran Siddiqui','Hira Abbasi','Faisal Awan'],
 'nl': ['Femke de Wit','Jeroen van der Meulen','Sanne Bakker','Willemijn Hoekstra','Bram Visser','Marieke van Dijk','Tessa Jansen','Ruud Kuipers'],
}
T = [  # (cue, template)  {P}=full name {F}=first name
 ('kin','tante {P} belde vanmiddag, maakt zich zorgen om cl.'),
 ('kin','haar broer {F} wil dat ze in de zomer naar het dorp gaat'),
 ('kin','amca {F} heeft paspoort van cl. ingenomen'),
 ('kin','teyze {P} is op de hoogte vd verloving'),
 ('kin','khalti {F} zou regelen dat ze terugvliegt'),
 ('kin','oom {P} dreigt haar uit te huwelijken'),
 ('kin',"cl. zegt dat haar neef {F} de 'verloofde' is"),
 ('kin','moeder {P} niet bereikbaar, vader weigert gesprek'),
 ('kin','zus {F} (19) woont nog thuis, durft niks te zeggen'),
 ('kin','schoonmoeder {P} houdt haar binnen sinds de nikah'),
 ('title','mw. {P} gesproken ivm achterlating in land van herkomst'),
 ('title','dhr. {P} (vader) ontkent alles'),
 ('title','gesprek met mevr. {P}, maakt indruk bang te zijn'),
 ('title','Mevrouw {P} belt terug na 16u'),
 ('role','mentor {P} meldt dat cl. al 3 wk niet op school is'),
 ('role','leerkracht {F} heeft zorgen geuit over zomervakantie'),
 ('role','afgestemd met wijkagent {P}'),
 ('role','huisarts {P} bevestigt blauwe plekken'),
 ('role','tolk {P} aanwezig bij gesprek (telefonisch)'),
 ('role','advocaat {P} neemt zaak op zich, pro deo'),
 ('verb','de man met wie ze moet trouwen heet {P}'),
 ('verb','zij heet {F} en is 17'),
 ('verb','verloofde genaamd {P}, woont in buitenland'),
 ('verb','cl. noemt haar vriendin {F} als vertrouwenspersoon'),
 ('verb','ik heb {P} om 10u gebeld, geen gehoor'),
 ('none','{P} belde in paniek, zit vast bij familie'),
 ('none','{F} wil niet terug naar huis'),
 ('none','gesprek gehad met {P} en haar moeder'),
 ('none','volgens {F} is de bruiloft al gepland'),
 ('none','{P} kwam niet opdagen op afspraak'),
 ('none','afspraak met {F} verzet naar do'),
 ('none','gisteren {P} gezien op kantoor, huilde veel'),
 ('none','ntb of {F} veilig is, morgen checken'),
 ('none','reden melding: {P} mogelijk achtergelaten in buitenland'),
 ('none','contact via zus, {F} zelf durft niet te bellen'),
 ('none','Cl. ({P}) geeft aan dat ze onder druk staat'),
 ('none','bericht van {F}: ze is weer in NL!!'),
 ('none','{P} heeft telefoon moeten inleveren bij oom'),
]
def mk_name(cue, tpl, origin, name, lower):
    first = name.split()[0]
    val = first if '{F}' in tpl else name
    if lower: val = val.lower()
    body = tpl.replace('{P}', '@@').replace('{F}', '@@')
    if lower: body = body.lower()
    return body.replace('@@', f'[[name:{origin}|{val}]]')
raw = []
origins = list(NAMES)
for i in range(200):
    o = origins[i % len(origins)]
    name = NAMES[o][(i // len(origins)) % 8]
    cue, tpl = T[(i * 7 + i // 10) % len(T)]
    lower = random.random() < 0.25
    raw.append(dict(group='name', cue=cue, lower=lower, origin=o, m=mk_name(cue, tpl, o, name, lower)))
# two-name sentences
for m in ['[[name:tr|Hatice Doğan]] en haar dochter [[name:tr|Elif]] zijn sinds mei in Konya',
          'overleg [[name:nl|Femke de Wit]] (VT) en [[name:so|Ifrah Jama]] over veiligheidsplan',
          'broers [[name:af|Wahid]] en [[name:af|Farid]] houden haar in de gaten',
          'oom [[name:ma|Ahmed]]?? ntb wie dat is']:
    raw.append(dict(group='name', cue='multi', lower=False, origin='mix', m=m))

S = '''cl. bereikbaar op [[phone|06-12345678]], liever appen
nieuw nr zus: [[phone|06 4123 8790]]
moeder belt vanaf [[phone|+212 6 61 23 45 78]] (Marokko)
oom in Turkije: [[phone|0090 532 417 88 21]]
nummer vader Mogadishu [[phone|+252 61 5123456]]
cl belde met [[phone|+31 6 28741190]] vanaf telefoon vriendin
tel school [[phone|010-4567890]]
neef in Damascus [[phone|+963 944 123 456]]
noodnr: [[phone|0031612345679]]
tante in Kabul: [[phone|+93 70 123 4567]]
mail cl: [[email|n.ouali2007@gmail.com]]
contact via [[email|shanice.d@hotmail.nl]] (veilig adres)
mentor mailt vanaf [[email|j.vandermeulen@calvijncollege.nl]]
broer gebruikt [[email|abdi_farah99@outlook.com]]
cl. woont in [[postcode|3082 BK]] Rotterdam
postcode opvang [[postcode|5041PJ]]
adres oma: [[postcode|1102 AB]] Amsterdam-Zuidoost
pc ouders [[postcode|2525 XT]], Den Haag
BSN cl: [[bsn|123456782]]
bsn moeder [[bsn|1118.22.300]]
BSN broer [[bsn|2417.83.008]]
bsn [[bsn|987654305]] gecheckt bij gemeente
bsn dochter: [[bsn|111222333]]
IBAN voor leefgeld: [[iban|NL91 ABNA 0417 1643 00]]
cl heeft eigen rekening [[iban|NL20INGB0001234567]]
oom maakte geld over van [[iban|TR33 0006 1005 1978 6457 8413 26]]
rekeningnr [[iban|NL81 RABO 0312 3456 78]] staat op naam vader
geb. [[date|14-03-2008]]
geboortedatum cl: [[date|3 april 2007]]
zus geboren op [[date|12/11/2009]]
gd [[date|02-09-2006]], minderjarig nog
vader geb [[date|1 januari 1975]]
dob [[date|2008-07-21]]
auto oom: [[plate|12-ABC-3]]
neef rijdt in [[plate|XB-123-K]], zwarte BMW
kenteken [[plate|GH-567-T]] gezien bij school
busje met kenteken [[plate|4-TVZ-88]]
ze werd opgehaald met de [[plate|KP-912-S]]
kenteken auto broer [[plate|97-XLR-4]]
insta cl: [[handle|@nora.o_07]]
tiktok van verloofde [[handle|@mehmet.yldz34]]
snap: [[handle|shaniceee_d]]
haar instagram [[handle|@zainab.jbr]] staat op prive
op tiktok als [[handle|@sagal_x]] filmpjes over bruiloft
broer stalkt via insta account [[handle|@elif_kaya.2008]]
snapchat [[handle|hodan.w2]] geblokkeerd
zit op [[school|basisschool De Wilgen]], groep 8
mentor van het [[school|Calvijn College]] belde
zusje op [[school|OBS Het Kompas]]
cl zit op [[school|het Erasmus College]] in Zoetermeer
broertje gaat naar [[school|CBS De Regenboog]]
leerplicht van [[school|Montessori Lyceum Amsterdam]] betrokken
ze doet mbo aan het [[school|Albeda College]]
zorgcoördinator [[school|Stedelijk Gymnasium Leiden]]
cl. [[birthday|16 jaar, jarig 3 april]]
zus is [[birthday|15, jarig op 12 juni]]
[[birthday|wordt 18 op 9 september]], dan wil familie huwelijk
cl ([[birthday|17 jr, verjaardag 21 mei]])
broer [[birthday|14 jaar en jarig op 2 december]]
paspoortnr cl [[document_number|NW8K2L7P4]]
paspoort ingenomen, nr [[document_number|BN4F71KJ2]]
Turks paspoort [[document_number|U12345678]]
Marokkaans paspoort nr [[document_number|ZK1234567]]
ID-kaart [[document_number|IR5T28M91]]
verblijfsdocument [[document_number|V01234567]]
cl. woont [[address|Vlierstraat 45b]] te Tilburg
oom woont op de [[address|Kerkstraat 12]]
tijdelijk op [[address|Prinsengracht 263-2]]
ouders verhuisd naar [[address|Dr. Lelylaan 7]]
oma woont [[address|Hoofdweg 112 hs]]
adres: [[address|Burgemeester de Vlugtlaan 88]]
BSN [[bsn|123456782]] en geboren [[date|05-05-2007]]
mentor meldt dat ze op [[school|Calvijn College]] is gezien, tel [[phone|06-55512345]]
nr [[phone|0612345678]] is van haar neef
via [[email|info.famelkhattabi@gmail.com]] werd dreigmail gestuurd
auto met kenteken [[plate|NJ-47-BP]] voor de deur
bsn cl [[bsn|206583400]]
ze is [[birthday|16, jarig 30 oktober]]
snap [[handle|@rasha.hd]] en insta [[handle|@rasha_haddad_]]
geb [[date|23 feb 2008]] in Nador
woont [[address|Molenweg 3a]], [[postcode|6717 KL]] Ede
paspoort [[document_number|NX45LP3R8]] ligt bij oom
IBAN moeder [[iban|NL44 RABO 0123 4567 89]]
cl belt soms van [[phone|06-87654321]] (prepaid)
school: [[school|Christelijk Lyceum Delft]]
geboortedatum [[date|30-12-2006]]
postcode [[postcode|9711AB]] groningen
[[phone|+90 212 555 12 34]] is het nr van de trouwzaal? ntb
email van oom: [[email|yasin.eli@yahoo.fr]]
kenteken marokkaanse auto onbekend, NL auto [[plate|TZ-882-H]]
zusje op [[school|de Fatih basisschool]]
insta [[handle|@khadar.osm]]
ze wordt [[birthday|17 op 14 februari]]
[[address|Oranjeboomstraat 101]] is adres verloofde
nummer [[phone|06-19283746]] blokkeren?
geb datum broer [[date|7 maart 2010]]
bsn vader: [[bsn|111.222.333]]'''.split('\n')
for m in S: raw.append(dict(group='struct', cue='', lower=False, origin='', m=m))

C = '''haar teyze belde, maakt zich zorgen
oom en tante willen dat ze in de zomer meegaat
overleg met Veilig Thuis gepland
LKHA gebeld voor advies over achterlating
GGD jeugdarts wordt ingeschakeld
cl. verblijft nu in Marokko bij familie van vaderskant
vlucht naar Istanbul staat voor 12 juli
afspraak verzet naar dinsdag 14:30
familie vraagt € 250 per maand leefgeld terug
zaaknr 2024-0387 bijgewerkt
ze gaat niet meer naar school sinds de meivakantie
het college van B&W heeft de subsidie verlengd
amca heeft gedreigd, cl. bang
khalti weet niet van de plannen
haar broer houdt haar in de gaten
moeder spreekt alleen Somalisch, tolk nodig
do 10u overleg met wijkteam
melding doorgezet naar Zorg en Veiligheidshuis
cl. wil naar een opvang buiten de regio
vader zit in Irak voor zaken
ze moet in augustus trouwen met een neef
wk 32 terug uit Pakistan gepland
OM en politie zijn op de hoogte
cl. is 16 en zit in 4 havo
woensdagmiddag huisbezoek, samen met collega
het is 3 april pas bekend geworden
kosten ticket ongeveer 600 euro
gesprek duurde 45 min
in Eritrea geen contact met ambassade mogelijk
familie komt uit Mogadishu
opa woont in Aleppo, huis beschadigd
schoonfamilie in Kabul zet druk
verloving gevierd in Paramaribo
gesprek met leerplichtambtenaar gehad
mentor belde, zorgen over verzuim
de huisarts heeft niks gezien
tolk telefonisch via TVcN
cl. wil niet dat school het weet
na de zomervakantie weer naar college (hbo)
college Nederlands gemist ivm gesprek
schoolmaatschappelijk werk betrokken
intake op maandag 9:15
juni evaluatie
cl. heeft nog 3 dagen voor vertrek
veiligheidsplan besproken, codewoord afgesproken
politie kan niet optreden zonder aangifte
paspoort ligt bij de ouders
geld is opgestuurd via Western Union
Turkse consulaat in Rotterdam gebeld
Marokkaanse ambassade reageert niet
IND procedure loopt nog
COA locatie Ter Apel
cl. vertrouwt alleen haar mentor
sinds januari geen contact meer
terugkeer gepland voor eind maart
bruiloft in Izmir, datum onbekend
ze spreekt Tigrinya en een beetje Nederlands
familie wil dat ze haar hoofddoek draagt
dreiging met eerwraak, hoog risico
vrijdag na het vrijdaggebed zou broer komen
cl. is 17 jaar
ze is bijna jarig zegt ze
casus besproken in MDO
Sterk Huis gebeld voor crisisplek
Fier heeft plek vanaf volgende week
moeder ziek, zit in ziekenhuis in Ankara
Erasmus MC heeft geen meldcode ingezet
de gemeente Rotterdam betaalt de opvang
afspraak op het stadhuis om 11:00
cl. kreeg 50 euro van tante
sinds 2019 in Nederland
groep 8 afgerond
rijbewijs gehaald vorig jaar
kenteken niet genoteerd helaas
nummer onbekend, loopt via school
adres geheim gehouden
Instagram verwijderd op advies
tiktok filmpje ging rond op school
ze gaat op de Kerkstraat altijd de bus in
familie uit Suriname komt over
oom van moederskant?? ntb wie dat is
haar zus is ook uitgehuwelijkt
de imam is bij gesprek geweest
nikah al voltrokken volgens cl.
de jongen wil zelf ook niet trouwen
neef belt elke avond
gesprek met de Raad voor de Kinderbescherming
jeugdbescherming west gebeld
casemanager ziek, overdracht aan collega
vandaag geen bijzonderheden
cl. lijkt rustiger dan vorige week
check volgende week of ze terug is
vlucht KL1234 naar Casablanca
vertrek vanaf Schiphol om 06:45
ticket kost 389,- enkele reis
afspraak 14/3 om 15u
ze is op 1 mei vertrokken
boete leerplicht 100 euro
vertrouwensarts AMK geraadpleegd
rapport ligt bij teamleider
WhatsApp groep van familie zit vol dreigingen'''.split('\n')
for m in C: raw.append(dict(group='clean', cue='', lower=False, origin='', m=m))

H = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'hard.txt'), encoding='utf-8').read().strip().split('\n')
for line in H:
    g, o, m = line.split('\t')
    raw.append(dict(group=g, cue='hard', lower=(m == m.lower()), origin=o, m=m))
def parse(m):
    out, gold, pos = b'', [], 0
    for part in re.split(r'(\[\[.*?\]\])', m):
        if part.startswith('[['):
            k, v = part[2:-2].split('|', 1)
            origin = ''
            if ':' in k: k, origin = k.split(':')
            s = len(out); out += v.encode()
            gold.append(dict(kind=k, start=s, end=len(out), text=v, origin=origin))
        else:
            out += part.encode()
    return out.decode(), gold
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus.jsonl'), 'w') as f:
    for i, r in enumerate(raw):
        text, gold = parse(r['m'])
        f.write(json.dumps(dict(id=i, group=r['group'], cue=r['cue'], lower=r['lower'], text=text, gold=gold), ensure_ascii=False) + '\n')
print(len(raw), sum(r['group']=='name' for r in raw), sum(r['group']=='struct' for r in raw), sum(r['group']=='clean' for r in raw))
