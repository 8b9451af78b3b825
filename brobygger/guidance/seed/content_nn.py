"""The seed texts in nynorsk: the same page and links as content.py, in the words of
docs/glossary.md. The markup is line for line that of the bokmål body; addresses and tags are
the bokmål ones (RESOURCES is keyed by the bokmål resource's address)."""

TIPS_TITLE = "Tilsetje ein medarbeidar med brukarerfaring"
TIPS_SUMMARY = (
    "Kva du som leiar bør vite før du tilset, og korleis du tek godt imot ein medarbeidar "
    "med brukarerfaring."
)
TIPS_BODY = """\
## Kva ein medarbeidar med brukarerfaring kan bidra med
Ein medarbeidar med brukarerfaring er ein tilsett som har erfaring med eigne eller pårørande \
sine psykiske helseproblem eller rusproblem, og med tenestene. Fagkompetanse og \
brukarerfaring kan saman gi eit meir heilskapleg og betre tilpassa tilbod til kvar enkelt.

- Ein brubyggjar mellom brukarar og tilsette.
- Bidreg til å byggje ned skiljet mellom «frisk» og «sjuk».
- Ein positiv rollemodell som viser at det er mogleg å kome i jobb.
- Styrkjer brukarperspektivet og bidreg til eit meir inkluderande arbeidsmiljø.

## Forankre tilsetjinga i leiinga
Erfaringar frå Bergen kommune viser at det er viktig at tilsetjingane er forankra i leiinga, \
og gjerne politisk. Skepsisen blant dei tilsette går ofte ned når dei får ein medarbeidar med \
brukarerfaring som kollega.

## Lag ei stillingsskildring
Mange medarbeidarar med brukarerfaring har ikkje hatt noka stillingsskildring. Ei tydeleg \
skildring gjer rolla lettare både for medarbeidaren og for dei andre på arbeidsplassen.

- Kva skal medarbeidaren gjere, og for kven?
- Kor stor er stillinga? Mange jobbar deltid, ofte rundt 50 prosent.
- Kven er næraste leiar, og kven kan medarbeidaren drøfte saker med?
- Korleis skal erfaringskompetansen brukast, og kva ligg utanfor rolla?

## Finansiering av stillinga
Stillinga kan finansierast på fleire måtar:

- over ordinært budsjett, som andre stillingar
- med øyremerkte kommunale midlar, der kommunen har sett av slike
- med prosjektmidlar (tenk gjennom kva som skal skje når prosjektet er slutt)
- med lønstilskot frå NAV, i ein periode eller varig

Fylkeskoordinatoren i NAV kan fortelje kva som er aktuelt hos dykk. Vilkår og satsar for \
lønstilskot står på nav.no (sjå ressursbiblioteket).

## Stillingsstorleik og ytingar
Mange kombinerer løn med ei yting frå NAV, til dømes arbeidsavklaringspengar eller \
uføretrygd, og jobbar difor deltid. Avklar stillingsprosenten saman med medarbeidaren, og \
oppmod vedkommande til å snakke med NAV om korleis løn og yting verkar saman før avtalen er \
på plass.

## Opplæring og mottak
1. Førebu dei andre på arbeidsplassen: fortel kva rolla går ut på, og kvifor de tilset.
2. Gi ei god innføring i arbeidsplassen, rutinane og teieplikta, som for alle \
nytilsette.
3. Avtal faste samtalar med næraste leiar dei første månadene.
4. Gi medarbeidaren ein kollega eller mentor å støtte seg på. NAV kan gi tilskot til mentor.
5. Legg til rette for rettleiing og nettverk med andre medarbeidarar med brukarerfaring.

## Kontakt fylkeskoordinatoren
Vil du tilsetje ein medarbeidar med brukarerfaring, kan fylkeskoordinatoren for arbeid og \
psykisk helse i NAV vere kontaktpersonen din. Bruk «Finn kontakten din» for å finne \
koordinatoren i fylket ditt.
"""

# bokmål address: (title, summary). Names of institutions stay as they are written.
RESOURCES = {
    "https://www.nav.no/arbeidsgiver/lonnstilskudd": (
        "Lønstilskot for arbeidsgivarar",
        "NAV si side om mellombels og varig lønstilskot: vilkår, satsar og korleis du søkjer.",
    ),
    "https://www.nav.no/arbeidsgiver/mentor": (
        "Mentor for arbeidsgivarar",
        "Tilskot til ein mentor som hjelper ein ny medarbeidar i gang på arbeidsplassen.",
    ),
    "https://www.erfaringskompetanse.no/": (
        "Nasjonalt senter for erfaringskompetanse innen psykisk helse",
        "Kunnskap og erfaringar om brukarmedverknad og om å tilsetje personar med eigenerfaring.",
    ),
    "https://www.napha.no/": (
        "NAPHA – Nasjonalt kompetansesenter for psykisk helsearbeid",
        "Fagstoff for kommunalt psykisk helse- og rusarbeid, mellom anna om medarbeidarar med "
        "brukarerfaring.",
    ),
}
