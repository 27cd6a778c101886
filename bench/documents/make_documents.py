#!/usr/bin/env python3
"""Generate fictitious governance documents for the Samverkansboten bench.

Two fictitious collaboration bodies (vårdsamverkan), each written out as
  <slug>/<slug>.docx  Word file, built-in Heading 1/Heading 2, Normal, List Bullet
  <slug>/<slug>.pdf   text PDF: bold numbered headings, justified body with some
                      words hyphenated across line breaks, running header and
                      "Sida X av N" footer on every page
  <slug>/<slug>.txt   plain text as pasted: title line, headings on their own
                      lines, blank lines between paragraphs

Everything in the documents is invented (bodies, municipalities, hospitals,
numbers). Requires python-docx and reportlab:
    python3 -m venv /tmp/docgen && /tmp/docgen/bin/pip install python-docx reportlab pypdf
    /tmp/docgen/bin/python make_documents.py            # writes next to this script
    /tmp/docgen/bin/python make_documents.py OUTDIR

Source markup used below (one block per blank-line separated chunk):
    @ text      subtitle line under the title (only at the top)
    # text      level-1 heading
    ## text     level-2 heading
    - text      bullet item (consecutive items form one list)
    | text      short text line of a "table" written as lines (no blank lines between)
    other       body paragraph (lines are joined with spaces)
"""

import os
import re
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# ---------------------------------------------------------------------------
# Document 1 (dev): Vårdsamverkan Vänerkusten
# ---------------------------------------------------------------------------
VANERKUSTEN = r"""
@ Överenskommelse mellan Västra Götalandsregionen och kommunerna Norrvik, Ekstad, Lövsjö, Bergaby och Åsdal
@ Fastställt av Politiskt samråd Vänerkusten den 9 oktober 2025, dnr VSV 2025/014

# 1 Inledning

Vårdsamverkan Vänerkusten är den gemensamma arena där Västra Götalandsregionen (VGR) och kommunerna Norrvik, Ekstad, Lövsjö, Bergaby och Åsdal hanterar de frågor som kräver att båda huvudmännen tar ett gemensamt ansvar. Delregionen har drygt 98 000 invånare och sträcker sig från tätorterna runt Ekstad till glesbygden och skärgården längs den norra Vänerstranden. Avstånden och de skiftande lokala förutsättningarna gör att samverkan behöver byggas både nära invånarna och på en gemensam delregional nivå.

Detta inriktningsdokument beskriver hur samverkan är organiserad, vilka grupper som finns och vilket mandat de har, hur det gemensamma arbetet finansieras och hur det följs upp. Dokumentet ersätter Samverkansöverenskommelse Vänerkusten 2022–2025 och gäller från den 1 januari 2026.

Från regionens sida deltar Vänerkustens sjukhus (VKS), Närhälsan, de privata vårdcentralerna inom vårdval, Habilitering & Hälsa, Folktandvården och Regionhälsan. Delregionala nämnden Vänerkusten har inom VGR ansvar för att beställa och följa upp de regionfinansierade verksamheterna och för att driva frågor om kommunsamverkan. Från kommunernas sida deltar socialtjänst, kommunal hälso- och sjukvård, elevhälsa och skola. Vänerkustens kommunalförbund samordnar kommunernas gemensamma intressen och företräder dem i delregionala frågor.

Frågor som enbart rör en huvudmans interna organisation, till exempel arbetsfördelningen mellan två kliniker på VKS eller mellan två förvaltningar i samma kommun, hör inte hemma i Vårdsamverkan Vänerkusten utan hanteras i respektive organisations egen linje.

# 2 Syfte och mål

Syftet med Vårdsamverkan Vänerkusten är att invånare som behöver insatser från både kommun och region ska få en sammanhållen, trygg och jämlik vård och omsorg. Samverkan ska stödja omställningen till en god och nära vård och bidra till att huvudmännens samlade resurser används där de gör störst nytta för den enskilde.

Arbetet vilar på tre principer. Invånarens behov går före organisationsgränserna. Problem ska lösas på den nivå där de uppstår och lyftas vidare först när de inte kan hanteras där. Parterna möter varandra med öppenhet och tillit, även när intressena skiljer sig åt.

För perioden 2026–2029 har parterna enats om följande mål:

- Andelen samordnade individuella planer (SIP) där det första mötet hålls inom 14 dagar från kallelsen ska öka till minst 80 procent.
- Den genomsnittliga väntetiden för utskrivningsklara patienter på VKS ska inte överstiga 1,5 dagar.
- Varje lokal samverkansgrupp ska genomföra minst en gemensam avvikelseanalys per år.
- Samtliga temagrupper ska ha minst en brukar- eller anhörigrepresentant.

Målen följs upp årligen enligt kapitel 8. Utgångsvärdena för 2025 redovisas i verksamhetsberättelsen för det året.

# 3 Målgrupper

Vårdsamverkan Vänerkusten omfattar alla invånare som behöver samordnade insatser från kommun och region, oavsett ålder, diagnos eller funktionsnedsättning. Under avtalsperioden ska samverkan särskilt inriktas på fyra grupper:

- äldre personer med omfattande och sammansatta vårdbehov,
- barn och unga med psykisk ohälsa,
- personer med samsjuklighet i form av beroende och psykiatrisk diagnos,
- personer med funktionsnedsättning som har insatser från flera verksamheter samtidigt.

FN:s konvention om barnets rättigheter ska beaktas i alla beslut som berör barn. Närstående ska ses som en resurs och ges möjlighet att delta i planeringen när den enskilde så önskar.

# 4 Organisation

Samverkan sker på tre nivåer: en politisk nivå (Politiskt samråd), en strategisk ledningsnivå (styrgruppen och dess arbetsutskott) och en lokal verksamhetsnivå (de lokala samverkansgrupperna). Därutöver kan styrgruppen tillsätta tidsbegränsade temagrupper. Grupperna har olika mandat men samma utgångspunkt: frågor ska lösas så nära invånaren som möjligt.

Den delregionala samverkan är en del av Vårdsamverkan Västra Götaland. Länsgemensamma överenskommelser och rutiner gäller även i Vänerkusten, och styrgruppen ansvarar för att de förs ut i de lokala samverkansgrupperna.

Ledamöterna i samtliga grupper företräder sin organisation. De ansvarar för att förankra frågor i förväg och för att information och beslut förs vidare i den egna linjeorganisationen.

## 4.1 Politiskt samråd

Politiskt samråd Vänerkusten (PSV) är samverkans högsta organ. Samrådet anger den politiska inriktningen, fastställer verksamhetsplan och budget och ger uppdrag till styrgruppen och kansliet. Samrådet är ett forum för dialog och gemensamma ställningstaganden; det fattar inga beslut som binder huvudmännen, utan dess rekommendationer förs vid behov vidare till respektive nämnd eller styrelse för beslut.

I samrådet ingår:

- en förtroendevald per kommun, utsedd av kommunstyrelsen, med personlig ersättare,
- två förtroendevalda från Delregionala nämnden Vänerkusten,
- en förtroendevald från styrelsen för Vänerkustens sjukhus,
- en förtroendevald från styrelsen för Närhälsan.

Samrådet har därmed nio ledamöter. Ordförande och vice ordförande väljs för två år i taget. Ordförandeskapet växlar mellan kommunerna och regionen, och vice ordföranden tar som regel över som ordförande vid nästa skifte.

Samrådet sammanträder fyra gånger per år. Ärendena bereds av samrådets presidium, det vill säga ordföranden och vice ordföranden, tillsammans med kanslichefen och styrgruppens ordförande. Kansliet är sekreterare. Protokollet justeras av ordföranden och en vald justerare och publiceras på Vårdsamverkan Vänerkustens webbplats senast två veckor efter sammanträdet.

## 4.2 Styrgrupp

Styrgruppen leder det strategiska samverkansarbetet på tjänstepersonsnivå och arbetar på uppdrag av Politiskt samråd. Styrgruppen tar fram förslag till verksamhetsplan, beslutar i de ärenden som inte kräver ett politiskt ställningstagande, tillsätter och avslutar temagrupper och fördelar utvecklingsmedel.

Styrgruppen har tio ledamöter med rösträtt:

- fem platser för kommunerna, en per kommun, normalt förvaltningschefen för socialtjänsten,
- två platser för VKS,
- en plats för Närhälsan,
- en plats för de privata vårdcentralerna,
- en plats för Habilitering & Hälsa.

Folktandvården, Regionhälsan och Vänerkustens kommunalförbund är adjungerade med närvaro- och yttranderätt men saknar rösträtt. Kanslichefen deltar som föredragande och kansliet är sekreterare.

Styrgruppen är beslutsför när minst sex röstberättigade ledamöter är närvarande, varav minst två från kommunerna och två från regionens verksamheter. Styrgruppen strävar efter enighet. Om enighet inte kan nås förs ärendet vidare till Politiskt samråd.

Styrgruppen sammanträder sex gånger per år. Ordförande och vice ordförande utses för två år i taget, och ordförandeskapet växlar mellan kommun och region. Under 2026–2027 innehas ordförandeskapet av en kommunal ledamot och vice ordförandeskapet av en regional ledamot; under 2028–2029 är det omvänt. Ordföranden leder mötena och är föredragande för styrgruppens ärenden i Politiskt samråd. Minnesanteckningar från styrgruppens möten publiceras på webbplatsen senast tre veckor efter mötet.

## 4.3 Arbetsutskott

Arbetsutskottet (AU) bereder ärenden till styrgruppen och planerar dagordningen inför varje möte. AU består av styrgruppens ordförande och vice ordförande samt ytterligare tre ledamöter ur styrgruppen: en från kommunerna, en från VKS och en från primärvården. Arbetsutskottet har således fem ledamöter.

AU träffas cirka två veckor före varje styrgruppsmöte. Kanslichefen kallar till mötena och för anteckningar. Mellan styrgruppens möten kan AU fatta beslut i brådskande ärenden; sådana beslut anmäls vid nästa styrgruppsmöte.

## 4.4 Lokala samverkansgrupper

I varje kommun finns en lokal samverkansgrupp (LSG), sammanlagt fem grupper. I gruppen möts chefer från kommunens socialtjänst och hälso- och sjukvård, vårdcentralerna i kommunen och berörda kliniker på VKS samt vid behov rehabilitering, elevhälsa och Folktandvården. Deltagarna ska ha mandat att fatta beslut för sin verksamhet.

Kommunen är ordförande och sammankallande i den lokala samverkansgruppen. Gruppen träffas minst fyra gånger per år. Minnesanteckningar skickas till kansliet inom två veckor för publicering. Lokala samverkansgrupper i två eller flera kommuner kan besluta att hålla gemensamma möten eller bilda gemensamma arbetsgrupper.

Grupperna arbetar med förbättringar utifrån avvikelser, patientberättelser och lokala data. Frågor som inte kan lösas lokalt skickas till kansliet, som avgör om de ska hanteras av AU, styrgruppen eller en temagrupp. Ordföranden i varje lokal samverkansgrupp lämnar en skriftlig lägesrapport till styrgruppen två gånger per år, senast den 15 maj och den 15 november.

## 4.5 Temagrupper

Styrgruppen kan tillsätta temagrupper för frågor som berör hela delregionen eller som kräver särskild kompetens. Varje temagrupp får en skriftlig uppdragsbeskrivning med mål, tidsplan och resurser. Ett uppdrag får pågå i högst 18 månader; därefter beslutar styrgruppen om uppdraget ska avslutas eller förnyas.

Båda huvudmännen ska vara representerade i varje temagrupp, och brukare eller anhöriga ska medverka. Temagruppen återrapporterar till styrgruppen minst två gånger per år och lämnar en slutrapport med förslag på hur resultatet ska spridas och införas i verksamheterna.

När perioden inleds finns två temagrupper: Psykisk hälsa barn och unga samt Trygg hemgång.

## 4.6 Vänerdagen

Varje år i september arrangeras Vänerdagen, en gemensam konferens för Politiskt samråd, styrgruppen, de lokala samverkansgrupperna och temagrupperna. Dagen är också öppen för chefer och medarbetare i de samverkande verksamheterna. Under Vänerdagen redovisas årets resultat, goda exempel och lärdomar från avvikelser. Kansliet ansvarar för planering och genomförande.

# 5 Kansliet

Vårdsamverkan Vänerkusten har ett gemensamt kansli som stöder samtliga grupper. Kansliet ska ha ett neutralt förhållningssätt gentemot huvudmännen och arbetar på uppdrag av Politiskt samråd och styrgruppen. Vänerkustens kommunalförbund är arbetsgivare för kansliets personal, och kansliet har sina lokaler i Ekstad.

Kansliet består av en kanslichef på heltid, två samordnare på heltid och en kommunikatör på halvtid, sammanlagt 3,5 årsarbetare.

Kansliets uppgifter är bland annat att:

- bereda ärenden och vara sekreterare i Politiskt samråd, styrgruppen och arbetsutskottet,
- stödja lokala samverkansgrupper och temagrupper med processledning och metodstöd,
- sammanställa och analysera avvikelser i samverkan,
- omvärldsbevaka och föra in länsgemensamma överenskommelser i det delregionala arbetet,
- ansvara för webbplats, nyhetsbrev och annan kommunikation,
- arrangera Vänerdagen,
- ta fram verksamhetsplan, verksamhetsberättelse och den årliga enkäten.

Nyhetsbrevet ges ut sex gånger per år. Kansliet kan vid behov anlita tillfälliga projektledare inom ramen för budgeten eller för externt finansierade projekt.

# 6 Ekonomi

Samverkan är en del av huvudmännens ordinarie uppdrag, och varje part bär själv kostnaden för sina representanters deltagande i möten. Gemensamma kostnader, det vill säga kansliet, Vänerdagen och utvecklingsmedlen, finansieras gemensamt.

Budgeten för 2026 är 3,4 miljoner kronor. Västra Götalandsregionen betalar 50 procent och kommunerna 50 procent. Kommunernas andel fördelas efter folkmängden den 1 november året före budgetåret, vilket för 2026 motsvarar cirka 17 kronor per invånare. Budgeten för kommande år fastställs av Politiskt samråd senast den 30 september.

Av budgeten avsätts 400 000 kronor per år som utvecklingsmedel. Lokala samverkansgrupper och temagrupper kan ansöka om medel hos styrgruppen, som beslutar om fördelningen. Ett enskilt projekt kan beviljas högst 100 000 kronor.

Ett överskott på högst tio procent av årets budget får föras över till nästa år. Ett större överskott betalas tillbaka till parterna enligt samma fördelning som finansieringen. Kansliet redovisar budgetutfallet för styrgruppen varje tertial.

# 7 Avvikelsehantering

En avvikelse i samverkan är en händelse där samarbetet mellan kommun och region har brustit och som har medfört eller hade kunnat medföra skada eller olägenhet för en invånare. Sådana avvikelser rapporteras enligt den länsgemensamma rutinen för avvikelser i samverkan, som gäller för alla verksamheter inom Vårdsamverkan Vänerkusten.

Den verksamhet som tar emot en avvikelse ska utreda den och lämna svar till den rapporterande verksamheten inom fyra veckor. Avvikelser som berör flera verksamheter eller som återkommer ska tas upp i den lokala samverkansgruppen.

Kansliet sammanställer avvikelserna varje kvartal och redovisar mönster och trender för styrgruppen två gånger per år. Styrgruppen beslutar om åtgärder och kan ge en temagrupp i uppdrag att fördjupa analysen inom ett visst område. En samlad avvikelserapport lämnas till Politiskt samråd i mars varje år och skickas därefter vidare till Vårdsamverkan Västra Götaland.

# 8 Uppföljning

Politiskt samråd har det övergripande ansvaret för uppföljningen, medan styrgruppen svarar för den löpande uppföljningen. Uppföljningen utgår från målen i kapitel 2 och från den verksamhetsplan som samrådet fastställer.

Kansliet tar varje år fram en verksamhetsberättelse som styrgruppen godkänner och som presenteras för Politiskt samråd senast den 31 mars. Berättelsen redovisar måluppfyllelse, avvikelser, temagruppernas arbete och ekonomiskt utfall.

En gång per år, i november, skickar kansliet en enkät till ledamöterna i styrgruppen och i de lokala samverkansgrupperna om hur samverkan och kansliets stöd fungerar. Resultatet redovisas i verksamhetsberättelsen.

Under hösten 2027 görs en halvtidsutvärdering av samverkansmodellen. Utvärderingen genomförs av en extern part och redovisas för Politiskt samråd.

# 9 Giltighet

Inriktningsdokumentet gäller från den 1 januari 2026 till och med den 31 december 2029. Om ingen part har sagt upp överenskommelsen skriftligen senast tolv månader före periodens slut förlängs den med ett år i taget.

Varje part kan begära att dokumentet ses över om förutsättningarna förändras väsentligt, till exempel vid ny lagstiftning eller större organisationsförändringar. En sådan begäran ställs till Politiskt samråd. Ändringar i dokumentet ska godkännas av samtliga parter.

En kommun som vill lämna samverkan ska säga upp sitt deltagande skriftligen senast den 30 juni. Utträdet gäller då från och med den 1 januari året därpå.
"""

# ---------------------------------------------------------------------------
# Document 2 (blind): Vårdsamverkan Dalkanten
# ---------------------------------------------------------------------------
DALKANTEN = r"""
@ Västra Götalandsregionen och kommunerna Storbäck, Kvarnheda, Tallmo, Rönnvik, Gruvsta och Älvhem
@ Antagen av Dalkantsrådet den 14 november 2024

# Om planen

Den här samverkansplanen beskriver hur Västra Götalandsregionen och de sex kommunerna i Dalkanten – Storbäck, Kvarnheda, Tallmo, Rönnvik, Gruvsta och Älvhem – tillsammans leder och utvecklar vård och omsorg för de invånare som behöver stöd från båda huvudmännen. Planen gäller för perioden 2025–2028 och ersätter den överenskommelse som parterna träffade 2021.

Dalkanten har omkring 71 000 invånare. Den största tätorten är Storbäck, där Dalkantens lasarett har sitt huvudsjukhus. Lasarettet har dessutom en närsjukvårdsenhet i Tallmo. I delregionen finns elva vårdcentraler, varav sju drivs av Närhälsan och fyra av privata vårdgivare.

Planen vänder sig till alla som deltar i samverkan: förtroendevalda, chefer och medarbetare hos parterna samt företrädare för brukare och närstående. Den ska läsas tillsammans med de länsgemensamma överenskommelser som gäller inom Vårdsamverkan Västra Götaland.

# Vad vi vill uppnå

Vårdsamverkan Dalkanten finns för att invånarna ska möta en vård och omsorg som hänger ihop, även när ansvaret är delat mellan kommun och region. Parterna är överens om att samverkan ska

- utgå från den enskildes behov och egna mål,
- ske så nära invånaren som möjligt,
- bygga på tillit, öppenhet och gemensamt lärande,
- stödja omställningen till god och nära vård i linje med den länsgemensamma färdplanen.

För planperioden har Dalkantsrådet fastställt tre mätbara mål som ska vara uppnådda vid utgången av 2028:

- Antalet vårddagar för utskrivningsklara patienter på Dalkantens lasarett ska ha minskat med 20 procent jämfört med 2024.
- Minst 90 procent av alla SIP-möten ska hållas inom 21 dagar från att behovet har uppmärksammats.
- Samtliga kommuner ska ha en gemensam rutin med vårdcentralerna för läkarmedverkan i den kommunala hälso- och sjukvården.

# Prioriterade grupper

Samverkan gäller invånare i alla åldrar, men under planperioden ska arbetet särskilt riktas mot

- barn och unga som behöver samordnat stöd från skola, socialtjänst och hälso- och sjukvård,
- personer med psykisk funktionsnedsättning,
- sköra äldre som vårdas i hemmet,
- personer i livets slutskede som behöver palliativ vård.

Barnrättsperspektivet ska alltid beaktas, och närståendes kunskap ska tas tillvara.

# 1. Organisation för samverkan

Samverkan i Dalkanten bedrivs i fyra led: Dalkantsrådet på politisk nivå, ledningsgruppen och beredningsgruppen på strategisk nivå, tre närområdesråd på lokal nivå samt tidsbegränsade projektgrupper och stående nätverk. Ett brukarråd ger synpunkter på arbetet i alla led.

## Dalkantsrådet

Dalkantsrådet är samverkans politiska forum. Rådet antar samverkansplanen, beslutar om mål och budget och lämnar uppdrag till ledningsgruppen. Rådets beslut är rekommendationer till huvudmännen och kan i vissa fall behöva fastställas i respektive kommunstyrelse eller nämnd.

Rådet består av nio ledamöter:

- sex kommunala ledamöter, en från varje kommun,
- två ledamöter från Delregional nämnd Dalkanten,
- en ledamot från styrelsen för Dalkantens lasarett.

Ordföranden väljs bland de kommunala ledamöterna och vice ordföranden bland de regionala. Båda väljs för hela mandatperioden, det vill säga fyra år. Dalkantsrådet sammanträder tre gånger per år, i februari, maj och oktober. Rådets presidium förbereder mötena tillsammans med verksamhetsledaren på Samverkanskontoret. Processledaren för protokoll, som publiceras på Vårdsamverkan Dalkantens sida på vardsamverkan.se senast tre veckor efter mötet.

## Ledningsgruppen

Ledningsgruppen är den strategiska ledningen för samverkan och verkställer det som Dalkantsrådet har beslutat. Gruppen prioriterar bland utvecklingsbehoven, tillsätter projektgrupper, följer upp närområdesråden och beslutar hur utvecklingspotten ska användas.

Platser i ledningsgruppen:

| Ordinarie ledamöter med rösträtt
| Dalkantens lasarett – 3 platser
| Närhälsan – 1 plats
| Privata vårdcentraler – 1 plats
| Vårdval rehab – 1 plats
| Kommunerna – 6 platser, en per kommun
| Adjungerade utan rösträtt
| Habilitering & Hälsa – 1 plats
| Folktandvården – 1 plats
| Dalkantens kommunalförbund – 1 plats

Ledningsgruppen har alltså tolv röstberättigade ledamöter. Gruppen är beslutsmässig när minst åtta av dem är närvarande. Beslut fattas i första hand i samförstånd. Om en omröstning ändå behövs krävs att minst två tredjedelar av de närvarande röstberättigade står bakom beslutet.

Ledningsgruppens ordförande utses för ett år i taget. Uppdraget roterar i ordningen kommunerna, Dalkantens lasarett, primärvården. Under 2025 leds gruppen av en kommunal ledamot. Den part som står näst på tur i rotationen innehar posten som vice ordförande.

Ledningsgruppen sammanträder fem gånger per år. Ett av mötena är ett tvådagarsmöte i januari, då årets aktivitetsplan fastställs. Minnesanteckningar publiceras på webbplatsen inom tio arbetsdagar.

## Beredningsgruppen

Beredningsgruppen förbereder ärenden till ledningsgruppen, bevakar att fattade beslut verkställs och avgör vilka frågor från närområdesråden som ska lyftas vidare. Gruppen består av ledningsgruppens ordförande och vice ordförande, verksamhetsledaren samt två ledamöter som ledningsgruppen utser, en från kommunerna och en från regionen. Beredningsgruppen har därmed fem deltagare.

Beredningsgruppen möts tre veckor före varje möte i ledningsgruppen. Verksamhetsledaren är sammankallande.

## Närområdesråden

Dalkanten är indelat i tre närområden med var sitt närområdesråd:

- Närområde Norr: Storbäck och Kvarnheda
- Närområde Mitt: Tallmo och Rönnvik
- Närområde Syd: Gruvsta och Älvhem

I närområdesrådet deltar chefer från kommunernas socialtjänst och hälso- och sjukvård, vårdcentralerna i området, berörda verksamheter på lasarettet, psykiatrin och elevhälsan. Varje råd har en sammankallande från en av kommunerna och en biträdande sammankallande från primärvården. Rådet bestämmer självt hur uppdragen fördelas mellan de två kommunerna i området.

Närområdesråden möts sex gånger per år. De arbetar med konkreta förbättringar i vardagen, till exempel vid in- och utskrivning, läkemedelshantering och samordnad individuell planering. Anteckningarna skickas till Samverkanskontoret. Två gånger per år, i maj och november, lämnar varje råd en lägesrapport till ledningsgruppen.

## Projektgrupper och nätverk

För avgränsade utvecklingsuppdrag kan ledningsgruppen tillsätta projektgrupper. Ett projektuppdrag får pågå i högst tolv månader och kan förlängas en gång med högst sex månader. Varje projektgrupp ska ha deltagare från båda huvudmännen och en utsedd projektägare i ledningsgruppen.

Därutöver finns två stående nätverk som samordnas av Samverkanskontoret:

- nätverket för medicinskt ansvariga sjuksköterskor och medicinskt ansvariga för rehabilitering (MAS/MAR), som träffas fyra gånger per år,
- nätverket för SIP-samordnare, som träffas två gånger per år.

## Brukarrådet

Brukarrådet består av företrädare för patient-, brukar- och anhörigorganisationer i delregionen. Rådet lämnar synpunkter på planer och projekt och träffar ledningsgruppen två gånger per år. Samverkanskontoret är sammankallande.

## Deltagarnas ansvar

Den som företräder sin organisation i ett råd eller en grupp inom Vårdsamverkan Dalkanten ska ha mandat att fatta beslut inom sitt eget ansvarsområde och ska förankra frågorna i den egna organisationen inför mötena. Varje ordinarie ledamot utser själv en ersättare som deltar vid förhinder. Ersättaren ska ha samma mandat och hållas informerad om arbetet. Kallelse och handlingar skickas ut senast en vecka före varje möte.

# 2. Samverkanskontoret

Samverkanskontoret Dalkanten är gemensamt för parterna och ska stödja hela samverkansorganisationen. Kontoret har 2,5 tjänster fördelade på tre personer:

- en verksamhetsledare på heltid, som leder kontoret och är föredragande i ledningsgruppen,
- en processledare på heltid, som stöder närområdesråden och projektgrupperna och är sekreterare i Dalkantsrådet och ledningsgruppen,
- en analytiker på halvtid, som ansvarar för uppföljning, indikatorer och sammanställning av avvikelser.

Storbäcks kommun är värdkommun och har arbetsgivaransvaret för kontorets personal. Kontoret är placerat i Storbäcks kommunhus men arbetar i hela delregionen. Personalen ska vara opartisk i förhållande till båda huvudmännen.

Kontoret ger ut nyhetsbrevet Dalkantsbladet fyra gånger per år och ansvarar för Vårdsamverkan Dalkantens sida på vardsamverkan.se.

# Dalkantsforum

Varje år i maj arrangerar Samverkanskontoret Dalkantsforum, en heldag för samtliga grupper inom samverkan och för chefer och medarbetare hos parterna. Forumet är tillfället att visa resultat från närområdesråden och projektgrupperna och att samla idéer till nästa års aktivitetsplan. Forumet hålls växelvis i de tre närområdena.

# Kommunikation

Information om samverkan ska nå dem som berörs ute i verksamheterna. Varje ledamot i ledningsgruppen ansvarar för att sprida beslut och information i den egna organisationen, och de sammankallande i närområdesråden gör detsamma lokalt. Samverkanskontoret bidrar med underlag och färdiga presentationer. Protokoll, minnesanteckningar, planer och rapporter publiceras öppet på vardsamverkan.se, med undantag för uppgifter som omfattas av sekretess.

# 3. Finansiering

Parterna finansierar gemensamt Samverkanskontoret, Dalkantsforum och en utvecklingspott. Kostnaderna delas så att Västra Götalandsregionen betalar 55 procent och kommunerna 45 procent. Kommunernas del fördelas mellan kommunerna efter antalet invånare den 31 december året innan.

Den totala ramen för 2025 är 2 650 000 kronor. För åren 2026–2028 räknas ramen upp med tre procent per år. Av ramen avsätts 300 000 kronor per år till utvecklingspotten, som ledningsgruppen fördelar efter ansökan från närområdesråd och projektgrupper.

Varje part står själv för kostnaderna för sina deltagares tid och resor. Ett eventuellt underskott hanteras av Dalkantsrådet. Medel i utvecklingspotten som inte har använts under året får inte föras över till nästa år.

# När något går fel i samverkan

Brister i samverkan mellan huvudmännen ska rapporteras som avvikelser, så att orsakerna kan utredas och arbetssätten förbättras. I Dalkanten gäller följande:

- Den som upptäcker en brist rapporterar den i den egna organisationens avvikelsesystem och skickar den vidare som samverkansavvikelse till den berörda parten.
- Den mottagande parten utreder och svarar inom tre veckor.
- Om avvikelsen inte kan lösas mellan de berörda verksamheterna tas den upp i närområdesrådet.
- Analytikern på Samverkanskontoret sammanställer samtliga samverkansavvikelser i februari och augusti, och resultatet presenteras för ledningsgruppen.
- En årlig sammanfattning lämnas till Dalkantsrådet vid mötet i februari.

Avvikelser som visar på brister i länsgemensamma rutiner förs vidare till Vårdsamverkan Västra Götaland.

# Uppföljning och rapportering

Ledningsgruppen ansvarar för att arbetet följs upp. Uppföljningen utgår från målen i planen och från den aktivitetsplan som fastställs varje januari.

Samverkanskontoret sammanställer en verksamhetsberättelse som ledningsgruppen godkänner i februari och som redovisas för Dalkantsrådet vid mötet i maj. Följande indikatorer följs upp varje halvår:

- vårddagar för utskrivningsklara patienter,
- andel SIP-möten som hålls inom 21 dagar,
- antal samverkansavvikelser per närområde,
- andel återinskrivningar inom 30 dagar för personer som är 75 år eller äldre.

# Årshjul

Arbetet följer i stora drag samma rytm varje år:

- Januari: ledningsgruppens tvådagarsmöte, där aktivitetsplanen fastställs.
- Februari: Dalkantsrådet sammanträder och tar emot den årliga sammanfattningen av samverkansavvikelser. Ledningsgruppen godkänner verksamhetsberättelsen.
- Maj: Dalkantsforum och Dalkantsrådets andra möte, där verksamhetsberättelsen redovisas. Närområdesråden lämnar lägesrapport.
- Augusti: halvårssammanställning av samverkansavvikelser.
- Oktober: Dalkantsrådet beslutar om budgeten för nästa år.
- November: närområdesråden lämnar sin andra lägesrapport.

# 4. Planens giltighet och ändringar

Planen gäller från den 1 januari 2025 till och med den 31 december 2028. Efter halva tiden, under hösten 2026, görs en revidering. Förslag till ändringar bereds av ledningsgruppen och beslutas av Dalkantsrådet.

En part som vill lämna samverkan ska meddela detta skriftligen till Dalkantsrådet senast nio månader före ett årsskifte. Om ingen part har sagt upp planen före den 31 mars 2028 förlängs den med två år.
"""

DOCS = {
    "vanerkusten": {
        "title": "Inriktningsdokument för Vårdsamverkan Vänerkusten 2026–2029",
        "header": "Vårdsamverkan Vänerkusten – Inriktningsdokument 2026–2029",
        "source": VANERKUSTEN,
        "bullet": "- ",
    },
    "dalkanten": {
        "title": "Samverkansplan för Vårdsamverkan Dalkanten 2025–2028",
        "header": "Vårdsamverkan Dalkanten · Samverkansplan 2025–2028",
        "source": DALKANTEN,
        "bullet": "• ",
    },
}


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------
def parse(source):
    """Return (subtitles, blocks); blocks are (kind, payload)."""
    subtitles, blocks = [], []
    for chunk in re.split(r"\n\s*\n", source.strip()):
        lines = [l.rstrip() for l in chunk.strip().splitlines() if l.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("@ "):
            subtitles.extend(l[2:] for l in lines)
        elif first.startswith("## "):
            blocks.append(("h2", first[3:]))
        elif first.startswith("# "):
            blocks.append(("h1", first[2:]))
        elif first.startswith("- "):
            blocks.append(("ul", [l[2:] for l in lines]))
        elif first.startswith("| "):
            blocks.append(("lines", [l[2:] for l in lines]))
        else:
            blocks.append(("p", " ".join(lines)))
    return subtitles, blocks


# ---------------------------------------------------------------------------
# TXT
# ---------------------------------------------------------------------------
def write_txt(path, doc):
    subtitles, blocks = parse(doc["source"])
    out = [doc["title"], ""]
    for s in subtitles:
        out.append(s)
    out.append("")
    for kind, payload in blocks:
        if kind in ("h1", "h2") or kind == "p":
            out += [payload, ""]
        elif kind == "ul":
            out += [doc["bullet"] + item for item in payload] + [""]
        elif kind == "lines":
            out += list(payload) + [""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip() + "\n")


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
def write_docx(path, doc):
    subtitles, blocks = parse(doc["source"])
    d = Document()
    d.core_properties.title = doc["title"]
    d.core_properties.author = "Kansliet (fiktivt testdokument)"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    hdr = d.sections[0].header.paragraphs[0]
    hdr.text = doc["header"]
    d.add_heading(doc["title"], level=0)
    for s in subtitles:
        p = d.add_paragraph(style="Normal")
        p.add_run(s).italic = True
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=1)
        elif kind == "h2":
            d.add_heading(payload, level=2)
        elif kind == "p":
            p = d.add_paragraph(payload, style="Normal")
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "ul":
            for item in payload:
                d.add_paragraph(item, style="List Bullet")
        elif kind == "lines":
            for line in payload:
                p = d.add_paragraph(line, style="Normal")
                p.paragraph_format.space_after = Pt(0)
                if "–" not in line:
                    p.runs[0].bold = True
    d.save(path)


# ---------------------------------------------------------------------------
# PDF: own line breaking so that we control justification and hyphenation
# ---------------------------------------------------------------------------
# Allowed break points for words that may be hyphenated at a line end.
HYPHENATION = """
sam-ver-kan vård-sam-ver-kan vård-sam-ver-kans sam-ver-kans-grup-pen
sam-ver-kans-grup-per sam-ver-kans-grup-per-na sam-ver-kans-grupp
sam-ver-kans-av-vi-kel-ser sam-ver-kans-av-vi-kel-se sam-ver-kans-kon-to-ret
sam-ver-kans-or-ga-ni-sa-tio-nen sam-ver-kans-mo-del-len sam-ver-kans-pla-nen
sam-ver-kan-de sam-ver-kans-ö-ver-ens-kom-mel-se
kom-mu-ner-na kom-mu-ner-nas kom-mu-nen kom-mu-nal kom-mu-na-la kom-mu-nal-för-bund
kom-mu-nal-för-bun-det kom-mun-sty-rel-sen kom-mun-sty-rel-se kom-mun-sam-ver-kan
hu-vud-män-nen hu-vud-män-nens hu-vud-man-nens hu-vud-man
or-ga-ni-sa-tion or-ga-ni-sa-tions or-ga-ni-sa-tio-ner or-ga-ni-sa-tio-nens
or-ga-ni-se-rad linje-or-ga-ni-sa-tion linje-or-ga-ni-sa-tio-nen
styr-grup-pen styr-grup-pens styr-grupps-mö-te styr-grupps-mö-tet
ar-bets-ut-skot-tet ar-bets-grup-per le-da-mö-ter-na le-da-mö-ter le-da-mö-ter-nas
le-da-mo-ten le-da-mot re-pre-sen-tan-ter re-pre-sen-te-ra-de
te-ma-grup-per-na te-ma-grup-per te-ma-grup-pen te-ma-grupp
verk-sam-he-ter verk-sam-he-ter-na verk-sam-het verk-sam-he-ten verk-sam-hets-plan
verk-sam-hets-be-rät-tel-sen verk-sam-hets-be-rät-tel-se verk-sam-hets-le-da-ren
verk-sam-hets-le-da-re verk-sam-hets-ni-vå
av-vi-kel-ser av-vi-kel-ser-na av-vi-kel-se av-vi-kel-sen av-vi-kel-se-ana-lys
av-vi-kel-se-rap-port av-vi-kel-se-sy-stem
Vä-ner-kus-ten Vä-ner-kus-tens Dal-kan-ten Dal-kan-tens Dal-kants-rå-det
Dal-kants-fo-rum Dal-kants-blad-et
Väs-tra Gö-ta-lands-re-gi-o-nen Gö-ta-lands-re-gi-o-nens
re-gi-on-fi-nan-si-e-ra-de för-tro-en-de-val-da för-tro-en-de-vald
ord-fö-ran-de ord-fö-ran-den ord-fö-ran-de-ska-pet ord-fö-ran-de-pos-ten
be-red-nings-grup-pen be-red-nings-grup-pens när-om-rå-des-rå-den när-om-rå-des-rå-det
när-om-rå-des-råd när-om-rå-de-na led-nings-grup-pen led-nings-grup-pens
pro-jekt-grup-per pro-jekt-grup-per-na pro-jekt-upp-drag pro-jekt-le-da-re
ut-veck-lings-med-el ut-veck-lings-med-len ut-veck-lings-pot-ten ut-veck-lings-be-ho-ven
ut-veck-lings-upp-drag
sam-man-träd-er sam-man-träd-et sam-man-kal-lan-de sam-man-ställ-er sam-man-ställ-ning
sam-man-hål-len sam-man-lagt sam-man-sat-ta
upp-följ-ning-en upp-följ-ning upp-drags-be-skriv-ning
in-di-ka-to-rer in-rikt-nings-do-ku-men-tet in-rikt-nings-do-ku-ment
års-ar-be-ta-re ar-bets-gi-va-re ar-bets-gi-var-an-svar-et värd-kom-mun
vård-cen-tra-ler-na vård-cen-tra-ler vård-be-hov ut-skriv-nings-kla-ra
läns-ge-men-sam-ma ge-men-sam-ma ge-men-samt ge-men-sam
omställ-ning-en förut-sätt-ning-ar-na förut-sätt-ning-ar
be-rät-tel-sen pa-tient-be-rät-tel-ser be-slu-tar be-slu-tet be-slu-ten
pro-cess-le-da-ren pro-cess-led-ning ana-ly-ti-kern ana-ly-ti-ker
bud-get-ut-fall-et bud-get-å-ret fi-nan-si-e-ring-en fi-nan-si-e-rar
sjuk-skö-ter-skor re-ha-bi-li-te-ring
ställ-nings-ta-gan-den ställ-nings-ta-gan-de re-kom-men-da-tio-ner
pri-mär-vår-den när-stå-en-des när-stå-en-de in-vå-nar-na in-vå-na-re
"""


def _hyph_table():
    table = {}
    for token in HYPHENATION.split():
        parts = token.split("-")
        positions, acc = [], 0
        for p in parts[:-1]:
            acc += len(p)
            positions.append(acc)
        table[token.replace("-", "").lower()] = positions
    return table


HYPH = _hyph_table()


def hyphen_splits(word):
    """Possible (head-with-hyphen, tail) splits of word, longest head first."""
    m = re.match(r"^([(\"]?)([A-Za-zÅÄÖåäöÉé]+)([.,;:)\"]*)$", word)
    if not m:
        return []
    pre, core, post = m.groups()
    positions = HYPH.get(core.lower(), [])
    out = []
    for pos in sorted(positions, reverse=True):
        if pos < 3 or len(core) - pos < 3:
            continue
        out.append((pre + core[:pos] + "-", core[pos:] + post))
    return out


PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R = 25 * mm, 25 * mm
TOP, BOTTOM = PAGE_H - 28 * mm, 24 * mm
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R
BODY_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"
BODY_SIZE, LEADING = 10.5, 14.2
BULLET_FONT = BODY_FONT
for _ttf in (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
):
    # The bullet glyph is drawn in an embedded TrueType font so that it
    # extracts as U+2022 (Helvetica's bullet extracts oddly in some readers).
    if os.path.exists(_ttf):
        pdfmetrics.registerFont(TTFont("BulletFont", _ttf))
        BULLET_FONT = "BulletFont"
        break


def break_lines(text, width, font=BODY_FONT, size=BODY_SIZE, min_fill=0.9):
    """Greedy line breaking. Hyphenates the word that does not fit only when
    the line would otherwise be filled less than min_fill."""
    sw = lambda s: stringWidth(s, font, size)
    words = text.split()
    lines, cur = [], []
    i = 0
    while i < len(words):
        w = words[i]
        trial = " ".join(cur + [w])
        if sw(trial) <= width or not cur:
            cur.append(w)
            i += 1
            continue
        cur_w = sw(" ".join(cur))
        if cur_w < min_fill * width:
            for head, tail in hyphen_splits(w):
                if sw(" ".join(cur + [head])) <= width:
                    cur.append(head)
                    words[i] = tail
                    break
        lines.append(cur)
        cur = []
    if cur:
        lines.append(cur)
    return [" ".join(l) for l in lines]


class PdfWriter:
    def __init__(self, doc):
        self.doc = doc
        self.ops = []  # list of pages; each page a list of draw ops
        self.new_page()

    def new_page(self):
        self.page = []
        self.ops.append(self.page)
        self.y = TOP

    def need(self, h):
        if self.y - h < BOTTOM:
            self.new_page()

    def text_line(self, x, s, font, size, justify_w=None):
        self.page.append(("line", x, self.y, s, font, size, justify_w))

    def paragraph(self, text, indent=0.0, justify=True, after=6):
        width = TEXT_W - indent
        lines = break_lines(text, width)
        for n, line in enumerate(lines):
            self.need(LEADING)
            self.y -= LEADING
            last = n == len(lines) - 1
            self.text_line(
                MARGIN_L + indent,
                line,
                BODY_FONT,
                BODY_SIZE,
                width if justify and not last else None,
            )
        self.y -= after

    def heading(self, text, level):
        size = 15 if level == 1 else 12
        before = 14 if level == 1 else 9
        self.need(before + size * 1.3 + 3 * LEADING)  # keep with next
        if self.y < TOP:
            self.y -= before
        self.y -= size * 1.3
        self.text_line(MARGIN_L, text, BOLD_FONT, size)
        self.y -= 5

    def bullets(self, items):
        for item in items:
            lines = break_lines(item, TEXT_W - 14)
            for n, line in enumerate(lines):
                self.need(LEADING)
                self.y -= LEADING
                if n == 0:
                    self.page.append(
                        ("line", MARGIN_L + 3, self.y, "\u2022", BULLET_FONT, BODY_SIZE, None)
                    )
                self.text_line(MARGIN_L + 14, line, BODY_FONT, BODY_SIZE)
            self.y -= 2
        self.y -= 5

    def build(self, path):
        subtitles, blocks = parse(self.doc["source"])
        # title block
        self.y -= 8
        for line in break_lines(self.doc["title"], TEXT_W, BOLD_FONT, 19, min_fill=0):
            self.y -= 24
            self.text_line(MARGIN_L, line, BOLD_FONT, 19)
        self.y -= 8
        for s in subtitles:
            for line in break_lines(s, TEXT_W, "Helvetica-Oblique", 10.5, min_fill=0):
                self.y -= 14
                self.text_line(MARGIN_L, line, "Helvetica-Oblique", 10.5)
        self.y -= 14
        for kind, payload in blocks:
            if kind == "h1":
                self.heading(payload, 1)
            elif kind == "h2":
                self.heading(payload, 2)
            elif kind == "p":
                self.paragraph(payload)
            elif kind == "ul":
                self.bullets(payload)
            elif kind == "lines":
                self.need(LEADING * min(len(payload), 6))
                for line in payload:
                    self.need(LEADING)
                    self.y -= LEADING
                    bold = "–" not in line
                    self.text_line(
                        MARGIN_L + (0 if bold else 12),
                        line,
                        BOLD_FONT if bold else BODY_FONT,
                        BODY_SIZE,
                    )
                self.y -= 8
        self.render(path)

    def render(self, path):
        c = canvas.Canvas(path, pagesize=A4)
        c.setTitle(self.doc["title"])
        c.setAuthor("Kansliet (fiktivt testdokument)")
        c.setSubject("Fiktivt styrdokument för test av Samverkansboten")
        total = len(self.ops)
        grey = Color(0.35, 0.35, 0.35)
        for pno, page in enumerate(self.ops, start=1):
            # running header
            c.setFillColor(grey)
            c.setFont(BODY_FONT, 8.5)
            c.drawString(MARGIN_L, PAGE_H - 15 * mm, self.doc["header"])
            c.setStrokeColor(grey)
            c.setLineWidth(0.4)
            c.line(MARGIN_L, PAGE_H - 17 * mm, PAGE_W - MARGIN_R, PAGE_H - 17 * mm)
            # body
            c.setFillColor(Color(0, 0, 0))
            for _, x, y, s, font, size, jw in page:
                t = c.beginText(x, y)
                t.setFont(font, size)
                # Tw persists across text objects, so set it on every line.
                extra = 0.0
                if jw is not None and s.count(" ") > 0:
                    extra = max(0.0, (jw - stringWidth(s, font, size)) / s.count(" "))
                t.setWordSpace(extra)
                t.textOut(s)
                c.drawText(t)
            # footer
            c.setFillColor(grey)
            c.setFont(BODY_FONT, 8.5)
            c.drawCentredString(PAGE_W / 2, 12 * mm, f"Sida {pno} av {total}")
            c.showPage()
        c.save()


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for slug, doc in DOCS.items():
        d = os.path.join(outdir, slug)
        os.makedirs(d, exist_ok=True)
        write_txt(os.path.join(d, slug + ".txt"), doc)
        write_docx(os.path.join(d, slug + ".docx"), doc)
        PdfWriter(doc).build(os.path.join(d, slug + ".pdf"))
        print("wrote", d)


if __name__ == "__main__":
    main()
