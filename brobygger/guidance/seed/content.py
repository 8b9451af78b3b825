"""The seed texts (Norwegian bokmål; nynorsk and English in content_nn.py and content_en.py).
Drawn from the two source articles: what a medarbeider med brukererfaring contributes, the
Bergen experience and the county coordinator as contact."""

TIPS_SLUG = "rad-til-ledere"
TIPS_TITLE = "Ansette en medarbeider med brukererfaring"
TIPS_SUMMARY = (
    "Hva du som leder bør vite før du ansetter, og hvordan du tar godt imot en medarbeider "
    "med brukererfaring."
)
TIPS_BODY = """\
## Hva en medarbeider med brukererfaring kan bidra med
En medarbeider med brukererfaring er en ansatt som har erfaring med egne eller pårørendes \
psykiske helseproblemer eller rusproblemer, og med tjenestene. Fagkompetanse og \
brukererfaring kan sammen gi et mer helhetlig og bedre tilpasset tilbud til den enkelte.

- En brobygger mellom brukere og ansatte.
- Bidrar til å bygge ned skillet mellom «frisk» og «syk».
- En positiv rollemodell som viser at det er mulig å komme i jobb.
- Styrker brukerperspektivet og bidrar til et mer inkluderende arbeidsmiljø.

## Forankre ansettelsen i ledelsen
Erfaringer fra Bergen kommune viser at det er viktig at ansettelsene er forankret i ledelsen, \
og gjerne politisk. Skepsisen blant ansatte går ofte ned når de får en medarbeider med \
brukererfaring som kollega.

## Lag en stillingsbeskrivelse
Mange medarbeidere med brukererfaring har ikke hatt noen stillingsbeskrivelse. En tydelig \
beskrivelse gjør rollen lettere for både medarbeideren og kollegene.

- Hva skal medarbeideren gjøre, og for hvem?
- Hvor stor er stillingen? Mange jobber deltid, ofte rundt 50 prosent.
- Hvem er nærmeste leder, og hvem kan medarbeideren drøfte saker med?
- Hvordan skal erfaringskompetansen brukes, og hva ligger utenfor rollen?

## Finansiering av stillingen
Stillingen kan finansieres på flere måter:

- over ordinært budsjett, som andre stillinger
- med øremerkede kommunale midler, der kommunen har satt av slike
- med prosjektmidler (tenk gjennom hva som skal skje når prosjektet er slutt)
- med lønnstilskudd fra NAV, i en periode eller varig

Fylkeskoordinatoren i NAV kan fortelle hva som er aktuelt hos dere. Vilkår og satser for \
lønnstilskudd står på nav.no (se ressursbiblioteket).

## Stillingsstørrelse og ytelser
Mange kombinerer lønn med en ytelse fra NAV, for eksempel arbeidsavklaringspenger eller \
uføretrygd, og jobber derfor deltid. Avklar stillingsprosenten sammen med medarbeideren, og \
oppfordre til å snakke med NAV om hvordan lønn og ytelse virker sammen før avtalen er på plass.

## Opplæring og mottak
1. Forbered kollegene: fortell hva rollen går ut på, og hvorfor dere ansetter.
2. Gi en god introduksjon til arbeidsplassen, rutinene og taushetsplikten, som for alle \
nyansatte.
3. Avtal faste samtaler med nærmeste leder de første månedene.
4. Gi medarbeideren en kollega eller mentor å støtte seg på. NAV kan gi tilskudd til mentor.
5. Legg til rette for veiledning og nettverk med andre medarbeidere med brukererfaring.

## Kontakt fylkeskoordinatoren
Vil du ansette en medarbeider med brukererfaring, kan fylkeskoordinatoren for arbeid og \
psykisk helse i NAV være kontaktpersonen din. Bruk «Finn din kontakt» for å finne \
koordinatoren i ditt fylke.
"""

# (title, summary, url, tags). Official public pages, as plain links.
RESOURCES = [
    (
        "Lønnstilskudd for arbeidsgivere",
        "NAVs side om midlertidig og varig lønnstilskudd: vilkår, satser og hvordan du søker.",
        "https://www.nav.no/arbeidsgiver/lonnstilskudd",
        ["Lønnstilskudd", "Finansiering", "NAV"],
    ),
    (
        "Mentor for arbeidsgivere",
        "Tilskudd til en mentor som hjelper en ny medarbeider i gang på arbeidsplassen.",
        "https://www.nav.no/arbeidsgiver/mentor",
        ["Mentor", "Opplæring", "NAV"],
    ),
    (
        "Nasjonalt senter for erfaringskompetanse innen psykisk helse",
        "Kunnskap og erfaringer om brukermedvirkning og om å ansette personer med egenerfaring.",
        "https://www.erfaringskompetanse.no/",
        ["Erfaringskompetanse", "Rekruttering"],
    ),
    (
        "NAPHA – Nasjonalt kompetansesenter for psykisk helsearbeid",
        "Fagstoff for kommunalt psykisk helse- og rusarbeid, blant annet om medarbeidere med "
        "brukererfaring.",
        "https://www.napha.no/",
        ["Psykisk helsearbeid", "Kommune"],
    ),
]
