using ProjectLedger.Experiments;

namespace ProjectLedger.Demo;

/// <summary>A municipality or district of a county: its name and its genitive, for site names.</summary>
public sealed record DemoPlace(string Name, string Genitive);

/// <summary>What the demo knows of a county: its places and the universities of applied sciences it works with.</summary>
public sealed record DemoCounty(string Slug, string Genitive, IReadOnlyList<DemoPlace> Places, string University, int Weight);

/// <summary>A kind of experiment many counties try, in Finnish, with its plan and where it is piloted.</summary>
public sealed record DemoTemplate(
    string Title, string Problem, IReadOnlyList<string> Themes, string Hypothesis, string TargetGroup,
    IReadOnlyList<SuccessCriterionInput> Criteria, IReadOnlyList<string> SiteKinds, IReadOnlyList<string> Channels,
    string Process, string Workstream, IReadOnlyList<int> AgeWeights, double DigitalShare);

/// <summary>A reason experiments are discontinued, as the articles name them, with the lesson and the factor it hurts.</summary>
public sealed record DemoFailure(string Reason, string Lessons, string WeakFactor);

/// <summary>The Finnish texts of the demo: places, templates, organisations, reasons (../shared/seeds).</summary>
public static class DemoVocabulary
{
    public const string Programme = "Tulevaisuuden sosiaali- ja terveyskeskus";
    public const string Advice = "Neuvonta ja asiakasohjaus";
    public const string Participation = "Asiakasosallisuus ja yhteiskehittäminen";
    public const string Digital = "Digitaaliset palvelut ja etäpalvelut";

    public static readonly IReadOnlyList<DemoCounty> Counties =
    [
        new("helsinki", "Helsingin", [new("Myllypuro", "Myllypuron"), new("Kalasatama", "Kalasataman"), new("Vuosaari", "Vuosaaren"), new("Malmi", "Malmin")], "Metropolia Ammattikorkeakoulu", 9),
        new("ita-uusimaa", "Itä-Uudenmaan", [new("Porvoo", "Porvoon"), new("Loviisa", "Loviisan"), new("Sipoo", "Sipoon")], "Laurea-ammattikorkeakoulu", 2),
        new("keski-uusimaa", "Keski-Uudenmaan", [new("Hyvinkää", "Hyvinkään"), new("Järvenpää", "Järvenpään"), new("Tuusula", "Tuusulan")], "Laurea-ammattikorkeakoulu", 4),
        new("lansi-uusimaa", "Länsi-Uudenmaan", [new("Espoo", "Espoon"), new("Lohja", "Lohjan"), new("Kirkkonummi", "Kirkkonummen")], "Laurea-ammattikorkeakoulu", 7),
        new("vantaa-kerava", "Vantaan ja Keravan", [new("Tikkurila", "Tikkurilan"), new("Myyrmäki", "Myyrmäen"), new("Kerava", "Keravan"), new("Korso", "Korson")], "Laurea-ammattikorkeakoulu", 5),
        new("varsinais-suomi", "Varsinais-Suomen", [new("Turku", "Turun"), new("Salo", "Salon"), new("Uusikaupunki", "Uudenkaupungin")], "Turun ammattikorkeakoulu", 6),
        new("satakunta", "Satakunnan", [new("Pori", "Porin"), new("Rauma", "Rauman"), new("Kankaanpää", "Kankaanpään")], "Satakunnan ammattikorkeakoulu", 3),
        new("kanta-hame", "Kanta-Hämeen", [new("Hämeenlinna", "Hämeenlinnan"), new("Riihimäki", "Riihimäen"), new("Forssa", "Forssan")], "Hämeen ammattikorkeakoulu", 3),
        new("pirkanmaa", "Pirkanmaan", [new("Tampere", "Tampereen"), new("Nokia", "Nokian"), new("Valkeakoski", "Valkeakosken")], "Tampereen ammattikorkeakoulu", 7),
        new("paijat-hame", "Päijät-Hämeen", [new("Lahti", "Lahden"), new("Heinola", "Heinolan"), new("Orimattila", "Orimattilan")], "LAB-ammattikorkeakoulu", 3),
        new("kymenlaakso", "Kymenlaakson", [new("Kotka", "Kotkan"), new("Kouvola", "Kouvolan"), new("Hamina", "Haminan")], "Kaakkois-Suomen ammattikorkeakoulu Xamk", 3),
        new("etela-karjala", "Etelä-Karjalan", [new("Lappeenranta", "Lappeenrannan"), new("Imatra", "Imatran")], "LAB-ammattikorkeakoulu", 3),
        new("etela-savo", "Etelä-Savon", [new("Mikkeli", "Mikkelin"), new("Savonlinna", "Savonlinnan"), new("Pieksämäki", "Pieksämäen")], "Kaakkois-Suomen ammattikorkeakoulu Xamk", 4),
        new("pohjois-savo", "Pohjois-Savon", [new("Kuopio", "Kuopion"), new("Iisalmi", "Iisalmen"), new("Varkaus", "Varkauden")], "Savonia-ammattikorkeakoulu", 4),
        new("pohjois-karjala", "Pohjois-Karjalan", [new("Joensuu", "Joensuun"), new("Lieksa", "Lieksan"), new("Kitee", "Kiteen")], "Karelia-ammattikorkeakoulu", 3),
        new("keski-suomi", "Keski-Suomen", [new("Jyväskylä", "Jyväskylän"), new("Äänekoski", "Äänekosken"), new("Jämsä", "Jämsän")], "Jyväskylän ammattikorkeakoulu", 4),
        new("etela-pohjanmaa", "Etelä-Pohjanmaan", [new("Seinäjoki", "Seinäjoen"), new("Lapua", "Lapuan"), new("Kauhajoki", "Kauhajoen")], "Seinäjoen ammattikorkeakoulu", 3),
        new("pohjanmaa", "Pohjanmaan", [new("Vaasa", "Vaasan"), new("Pietarsaari", "Pietarsaaren"), new("Kristiinankaupunki", "Kristiinankaupungin")], "Yrkeshögskolan Novia", 3),
        new("keski-pohjanmaa", "Keski-Pohjanmaan", [new("Kokkola", "Kokkolan"), new("Kannus", "Kannuksen")], "Centria-ammattikorkeakoulu", 2),
        new("pohjois-pohjanmaa", "Pohjois-Pohjanmaan", [new("Oulu", "Oulun"), new("Raahe", "Raahen"), new("Kuusamo", "Kuusamon")], "Oulun ammattikorkeakoulu", 5),
        new("kainuu", "Kainuun", [new("Kajaani", "Kajaanin"), new("Kuhmo", "Kuhmon"), new("Suomussalmi", "Suomussalmen")], "Kajaanin ammattikorkeakoulu", 2),
        new("lappi", "Lapin", [new("Rovaniemi", "Rovaniemen"), new("Kemi", "Kemin"), new("Tornio", "Tornion")], "Lapin ammattikorkeakoulu", 3),
    ];

    // Age weights: under18, 18to29, 30to64, 65plus.
    private static readonly int[] Adults = [0, 2, 6, 3];
    private static readonly int[] Elderly = [0, 0, 3, 8];
    private static readonly int[] Young = [4, 6, 1, 0];
    private static readonly int[] Families = [1, 3, 7, 0];
    private static readonly int[] Everyone = [1, 2, 6, 4];

    private static SuccessCriterionInput C(string metric, decimal baseline, decimal target, string unit) => new(metric, baseline, target, unit);

    public static readonly IReadOnlyList<DemoTemplate> Templates =
    [
        new("Chat-neuvonta sosiaalipalveluihin", "Asiakkaat jonottavat puhelimessa eivätkä löydä oikeaa sosiaalipalvelua yhdellä yhteydenotolla.",
            ["chat", "asiakasohjaus", "sosiaalityö"], "Chat-neuvonta lisää sähköistä asiointia ja ohjaa asiakkaan oikeaan palveluun yhdellä yhteydenotolla.",
            "Sosiaalipalveluiden asiakkaat ja heidän läheisensä",
            [C("Sähköisen asioinnin osuus yhteydenotoista", 12, 30, "%"), C("Chat-asiakkaiden tyytyväisyys", 3.4m, 4.2m, "/5")],
            ["sosiaali- ja terveysneuvonta", "sosiaaliasema"], ["chat"], "Sosiaalipalveluiden neuvonta", Advice, Adults, 1.0),
        new("Palvelutori-neuvontapiste kauppakeskuksessa", "Neuvontaa saa vain virka-aikaan ja eri luukuilta; moni ei tiedä, mihin ottaa yhteyttä.",
            ["palvelutori", "asiakasohjaus", "ikäihmiset"], "Matalan kynnyksen palvelutori tavoittaa asukkaat siellä missä he asioivat ja ohjaa palveluihin kerralla.",
            "Alueen asukkaat, erityisesti ikäihmiset ja heidän omaisensa",
            [C("Neuvontapisteen asiakaskäynnit", 0, 400, "käyntiä/kk"), C("Yhdellä yhteydenotolla palveluun ohjautuneet", 55, 75, "%")],
            ["palvelutori", "kauppakeskuksen neuvontapiste"], ["kasvokkain", "puhelin"], "Ikäihmisten palveluneuvonta", Advice, Elderly, 0.2),
        new("Sosiaalihuollon sähköinen alkuarviointilomake", "Alkuarviointiin tarvittavat tiedot kerätään puhelimessa moneen kertaan, ja asiakkaan odotus venyy.",
            ["alkuarviointi", "sosiaalityö", "digitaalinen osallisuus"], "Asiakkaan itse täyttämä sähköinen alkuarviointilomake nopeuttaa palvelutarpeen arviointia.",
            "Aikuissosiaalityön ja perhepalveluiden uudet asiakkaat",
            [C("Sähköisesti jätettyjen alkuarviointien osuus", 5, 35, "%"), C("Alkuarvioinnin läpimenoaika", 14, 7, "vrk")],
            ["sosiaaliasema", "aikuissosiaalityön palvelupiste"], ["verkkolomake"], "Sosiaalihuollon palvelutarpeen arviointi", Advice, Adults, 0.9),
        new("Nuorten mielenterveyschat", "Nuoret eivät hakeudu mielenterveyspalveluihin puhelimitse, ja tuki löytyy liian myöhään.",
            ["nuoret", "mielenterveys", "chat"], "Anonyymi chat madaltaa nuorten kynnystä hakea apua ajoissa.",
            "13–29-vuotiaat nuoret ja nuoret aikuiset",
            [C("Chat-keskustelut nuorten kanssa", 0, 300, "keskustelua/kk"), C("Chatista hoitoon ohjautuneet nuoret", 0, 40, "nuorta/kk")],
            ["Ohjaamo", "nuorisoasema"], ["chat", "some"], "Nuorten mielenterveyspalveluiden ensikontakti", Advice, Young, 1.0),
        new("Ikäihmisten digituki ja etäosallistuminen", "Moni ikäihminen jää digitaalisten palveluiden ulkopuolelle, koska laitteiden käyttöön ei saa tukea.",
            ["ikäihmiset", "digitaalinen osallisuus"], "Järjestöjen kanssa järjestetty digituki lisää ikäihmisten sähköistä asiointia ja osallistumista.",
            "Kotona asuvat yli 65-vuotiaat",
            [C("Digituen asiakkaat", 0, 250, "henkilöä"), C("Sähköisen asioinnin aloittaneet yli 65-vuotiaat", 0, 120, "henkilöä")],
            ["palvelukeskus", "kirjasto"], ["kasvokkain", "etäyhteys"], "Ikäihmisten palveluohjaus", Digital, Elderly, 0.4),
        new("Videovastaanotto kotihoidossa", "Kotihoidon käynnit kuluttavat työaikaa siirtymiin, vaikka osa käynneistä onnistuisi etänä.",
            ["ikäihmiset", "etäpalvelut"], "Videovastaanotto korvaa osan kotikäynneistä ilman, että asiakkaan turvallisuuden tunne heikkenee.",
            "Kotihoidon asiakkaat ja heidän omaisensa",
            [C("Etäkäyntien osuus kotihoidon käynneistä", 0, 15, "%"), C("Asiakkaiden turvallisuuden tunne", 3.8m, 4.0m, "/5")],
            ["kotihoito", "kotihoidon etähoitoyksikkö"], ["video"], "Kotihoidon käyntien suunnittelu", Digital, Elderly, 1.0),
        new("Asiakasraati digitaalisella alustalla", "Asiakasraatiin osallistuvat aina samat aktiivit; työssäkäyvät ja perheelliset eivät ehdi iltakokouksiin.",
            ["yhteiskehittäminen", "digitaalinen osallisuus"], "Asynkroninen verkkoalusta tuo raatiin uusia ääniä, koska osallistua voi itselle sopivana aikana.",
            "Kaikki alueen asukkaat",
            [C("Asiakasraadin kehittämisehdotukset", 0, 20, "kpl"), C("Tavoitetut ikäryhmät", 1, 4, "ikäryhmää")],
            ["osallisuusyksikkö", "verkkoalusta"], ["verkkoalusta"], "Asiakasosallisuuden vuosikello", Participation, Everyone, 0.9),
        new("Kokemusasiantuntijat päivystyksen palvelupolun kehittämisessä", "Päivystyksen palvelupolku on suunniteltu ammattilaisten näkökulmasta, ja asiakkaat kokevat sen sekavaksi.",
            ["yhteiskehittäminen", "kokemusasiantuntijuus"], "Kokemusasiantuntijoiden mukanaolo alusta asti tuo esiin polun kipukohdat, jotka ammattilaisilta jäävät huomaamatta.",
            "Päivystyksen asiakkaat",
            [C("Tunnistetut palvelupolun kipukohdat", 0, 10, "kpl"), C("Päivystyksen asiakastyytyväisyys", 3.2m, 3.8m, "/5")],
            ["päivystys", "sote-keskus"], ["kasvokkain"], "Päivystyksen asiakaspolku", Participation, Everyone, 0.2),
        new("Perhekeskuksen digitaalinen ajanvaraus", "Lapsiperheet soittavat neuvolaan ruuhka-aikaan eivätkä pääse läpi.",
            ["perhekeskus", "digitaaliset palvelut"], "Sähköinen ajanvaraus vapauttaa puhelinaikaa ja helpottaa perheiden asiointia.",
            "Lapsiperheet",
            [C("Sähköisten ajanvarausten osuus", 10, 50, "%")],
            ["perhekeskus", "neuvola"], ["verkkopalvelu"], "Perhekeskuksen ajanvaraus", Digital, Families, 1.0),
        new("Matalan kynnyksen mielenterveyden etävastaanotto", "Mielenterveyspalveluihin jonotetaan viikkoja, ja moni jää kokonaan ilman apua.",
            ["mielenterveys", "etäpalvelut"], "Etävastaanotto ilman lähetettä lyhentää odotusta ja tavoittaa myös syrjäkylien asukkaat.",
            "Lievistä mielenterveysoireista kärsivät aikuiset",
            [C("Odotusaika ensikäynnille", 28, 7, "vrk"), C("Etävastaanotolla käyneet", 0, 150, "asiakasta/kk")],
            ["mielenterveys- ja päihdepalvelut", "terveysasema"], ["video", "puhelin"], "Mielenterveyspalveluiden ensiarvio", Digital, Adults, 0.9),
        new("Etätapaamiset aikuissosiaalityössä", "Asiakkaat eivät aina pääse sosiaalitoimistoon, ja tapaamisia perutaan.",
            ["sosiaalityö", "etäpalvelut"], "Etätapaaminen vähentää peruttuja tapaamisia ja nopeuttaa asian hoitamista.",
            "Aikuissosiaalityön asiakkaat",
            [C("Etätapaamisten osuus", 2, 20, "%"), C("Peruttujen tapaamisten osuus", 18, 10, "%")],
            ["sosiaaliasema"], ["video"], "Aikuissosiaalityön tapaamiskäytännöt", Digital, Adults, 0.9),
        new("Omaishoitajien vertaistuki verkossa järjestöjen kanssa", "Omaishoitajat eivät pääse irti kotoa vertaisryhmiin.",
            ["ikäihmiset", "järjestöyhteistyö", "digitaalinen osallisuus"], "Järjestön vetämä verkkovertaisryhmä tavoittaa omaishoitajat kotoa käsin.",
            "Omaishoitajat",
            [C("Vertaisryhmiin osallistuneet omaishoitajat", 0, 80, "henkilöä")],
            ["omaishoidon tuki", "järjestötalo"], ["etäyhteys"], "Omaishoitajien tuki", Participation, Elderly, 0.8),
        new("Järjestöjen palvelut palveluohjauksen tietopankkiin", "Asiakasohjaajat eivät tunne järjestöjen palveluita, eivätkä asiakkaat löydä järjestöihin.",
            ["järjestöyhteistyö", "asiakasohjaus"], "Yhteinen tietopankki auttaa sote-toimijoita tuntemaan toistensa palvelut ja ohjaamaan asiakkaat järjestöihin.",
            "Asiakasohjaajat ja palveluita etsivät asukkaat",
            [C("Järjestöjen palveluja tietopankissa", 0, 150, "palvelua"), C("Järjestöihin ohjatut asiakkaat", 0, 200, "asiakasta")],
            ["asiakasohjaus", "järjestöklinikka"], ["verkkopalvelu"], "Palveluohjaus", Advice, Adults, 0.7),
        new("Asiakaspalautteen keruu tekstiviestillä käynnin jälkeen", "Palautetta kerätään paperilla, ja vastausprosentti on pieni.",
            ["asiakaspalaute", "digitaaliset palvelut"], "Tekstiviestikysely heti käynnin jälkeen moninkertaistaa palautteen määrän.",
            "Terveysasemien asiakkaat",
            [C("Palautteen vastausprosentti", 3, 20, "%")],
            ["terveysasema"], ["tekstiviesti"], "Asiakaspalautteen käsittely", Digital, Everyone, 1.0),
        new("Oirearvio verkossa ennen yhteydenottoa", "Puhelinpalvelu ruuhkautuu kysymyksistä, jotka voisi ratkaista ohjatulla oirearviolla.",
            ["digitaaliset palvelut", "alkuarviointi"], "Verkon oirearvio ohjaa kiireettömät asiat sähköiseen asiointiin ja vapauttaa puhelinaikaa.",
            "Terveysasemien aikuisasiakkaat",
            [C("Oirearvion kautta tulleet yhteydenotot", 0, 25, "%"), C("Puhelinjonon mediaani", 25, 10, "min")],
            ["terveysasema"], ["verkkopalvelu"], "Terveysaseman hoidon tarpeen arviointi", Advice, Adults, 1.0),
        new("Nuoret kehittäjinä Ohjaamossa", "Nuoria ei tavoiteta palveluiden kehittämiseen, vaikka palvelut tehdään heille.",
            ["nuoret", "digitaalinen osallisuus", "yhteiskehittäminen"], "Pelillinen mobiilikysely ja Ohjaamon tapahtumat tuovat nuorten äänen kehittämiseen.",
            "15–29-vuotiaat",
            [C("Kehittämiseen osallistuneet nuoret", 0, 60, "henkilöä")],
            ["Ohjaamo"], ["mobiilisovellus", "kasvokkain"], "Nuorten palveluiden kehittäminen", Participation, Young, 0.6),
        new("Monipalveluasiakkaan yhteinen palvelusuunnitelma", "Monipalveluasiakkaalla on useita suunnitelmia ja ohjaajia, eikä kukaan näe kokonaisuutta.",
            ["asiakasohjaus", "sosiaalityö", "palveluintegraatio"], "Yksi yhteinen suunnitelma ja vastuuhenkilö tekevät palvelupolusta eheän.",
            "Paljon palveluita käyttävät asiakkaat",
            [C("Yhteisellä suunnitelmalla palvellut asiakkaat", 0, 100, "asiakasta"), C("Päällekkäiset yhteydenotot", 6, 3, "kpl/asiakas")],
            ["sote-keskus", "sosiaaliasema"], ["kasvokkain", "puhelin"], "Monipalveluasiakkaan palveluohjaus", Advice, Adults, 0.2),
        new("Varhaisen tunnistamisen kysely neuvolassa", "Perheiden tuen tarpeet tunnistetaan usein vasta, kun tilanne on kriisiytynyt.",
            ["varhainen tunnistaminen", "perhekeskus"], "Sähköinen esitietokysely ennen neuvolakäyntiä tuo tuen tarpeet näkyviin ajoissa.",
            "Lasta odottavat ja pikkulapsiperheet",
            [C("Kyselyn kautta tunnistetut tuen tarpeet", 0, 50, "perhettä"), C("Varhaisen tuen toimintamallit käytössä", 2, 4, "toimintamallia")],
            ["neuvola", "perhekeskus"], ["verkkolomake"], "Neuvolan määräaikaistarkastukset", Advice, Families, 0.9),
        new("Terveysaseman takaisinsoittopalvelu", "Asiakkaat soittavat uudelleen ja uudelleen, kun jono on pitkä.",
            ["asiakasohjaus", "saavutettavuus"], "Takaisinsoitto lyhentää jonotusta ja vähentää toistuvia soittoja.",
            "Terveysasemien asiakkaat",
            [C("Samana päivänä takaisin soitetut", 40, 80, "%")],
            ["terveysasema"], ["puhelin"], "Terveysaseman puhelinpalvelu", Advice, Everyone, 0.0),
        new("Etäkuntoutus ikäihmisille", "Kuntoutusjaksot katkeavat, kun asiakas ei pääse kuntoutukseen.",
            ["ikäihmiset", "etäpalvelut", "kuntoutus"], "Ohjattu etäkuntoutus pitää toimintakyvyn yllä kotona.",
            "Kotona asuvat ikäihmiset kuntoutusjakson jälkeen",
            [C("Etäkuntoutukseen osallistuneet", 0, 60, "asiakasta"), C("Toimintakykymittarin muutos", 0, 5, "pistettä")],
            ["kuntoutusyksikkö", "palvelukeskus"], ["video"], "Kotikuntoutus", Digital, Elderly, 0.9),
        new("Asukkaat sote-keskuksen tilasuunnittelussa", "Uudet tilat suunnitellaan ilman niiden käyttäjiä, ja muutoksia joudutaan tekemään jälkikäteen.",
            ["yhteiskehittäminen", "tilasuunnittelu"], "Asukkaiden ja kokemusasiantuntijoiden mukanaolo suunnittelussa tuottaa toimivammat ja saavutettavammat tilat.",
            "Sote-keskuksen asiakkaat ja henkilöstö",
            [C("Suunnitteluun osallistuneet asukkaat", 0, 80, "henkilöä"), C("Suunnitelmaan viedyt asukkaiden ehdotukset", 0, 15, "kpl")],
            ["sote-keskus (suunnitteilla)"], ["kasvokkain", "verkkoalusta"], "Tilasuunnittelu", Participation, Everyone, 0.5),
        new("Sähköinen palvelutarpeen arvio vammaispalveluissa", "Vammaispalveluiden hakemukset ovat raskaita täyttää, ja puutteet viivästyttävät päätöksiä.",
            ["alkuarviointi", "vammaispalvelut", "digitaaliset palvelut"], "Ohjattu sähköinen hakemus vähentää täydennyspyyntöjä ja nopeuttaa päätöksiä.",
            "Vammaispalveluiden hakijat ja heidän läheisensä",
            [C("Täydennyspyyntöjä vaatineet hakemukset", 45, 20, "%"), C("Päätöksen käsittelyaika", 60, 30, "vrk")],
            ["vammaispalvelut"], ["verkkolomake"], "Vammaispalveluiden hakemusprosessi", Digital, Adults, 0.9),
        new("Chatbot yleisneuvontaan", "Neuvonnan puhelimeen tulee paljon samoja kysymyksiä aukioloajoista ja ajanvarauksesta.",
            ["chat", "asiakasohjaus", "digitaaliset palvelut"], "Chatbot vastaa yleisimpiin kysymyksiin ympäri vuorokauden ja ohjaa tarvittaessa ihmiselle.",
            "Kaikki palveluita etsivät asukkaat",
            [C("Chatbotin ratkaisemat kysymykset", 0, 60, "%"), C("Ihmiselle siirretyt keskustelut", 100, 40, "%")],
            ["sosiaali- ja terveysneuvonta"], ["chat"], "Yleisneuvonta", Advice, Everyone, 1.0),
        new("Kokemusasiantuntijoiden koulutus- ja palkkiomalli", "Kokemusasiantuntijoita käytetään satunnaisesti eikä heidän työtään korvata yhtenäisesti.",
            ["yhteiskehittäminen", "kokemusasiantuntijuus"], "Yhteinen koulutus ja palkkiomalli vakiinnuttavat kokemusasiantuntijat osaksi kehittämistä.",
            "Kokemusasiantuntijat ja heitä käyttävät yksiköt",
            [C("Koulutetut kokemusasiantuntijat", 0, 25, "henkilöä"), C("Kehittämisryhmät, joissa kokemusasiantuntija", 10, 60, "%")],
            ["osallisuusyksikkö"], ["kasvokkain"], "Kokemusasiantuntijatoiminta", Participation, Adults, 0.1),
    ];

    public static readonly IReadOnlyList<DemoFailure> Failures =
    [
        new("Kokeilu liimattiin vanhojen prosessien päälle eikä sitä juurrutettu yksikön palveluprosessiin.",
            "Digitaalinen palvelu ei toimi lisäkerroksena: palveluprosessi ja sen johtaminen on ajateltava uudelleen ennen seuraavaa kokeilua.", "processEmbedding"),
        new("Henkilöstö ei sitoutunut kokeiluun eikä pystynyt ohjaamaan asiakkaita digitaalisen palvelun käyttöön.",
            "Työntekijöiden osaaminen ja sitoutuminen on varmistettava ennen pilottia; ohjaus digipalveluun kuuluu perehdytykseen.", "commitment"),
        new("Ammattilaisten työaikaa osallisuustyöhön ei resursoitu.",
            "Dialogin lisääminen edellyttää, että ammattilaisten työaika osallisuustyöhön resursoidaan etukäteen.", "resourcing"),
        new("Kokeilukulttuuri jäi puheen tasolle: johdon tuki ja päätökset jatkosta puuttuivat.",
            "Kokeilulle tarvitaan omistaja johdosta ja sovittu päätöspiste jatkosta.", "leadership"),
        new("Tietojärjestelmät eivät keskustele keskenään, eikä kerättyä tietoa voitu hyödyntää nykyisen sääntelyn puitteissa.",
            "Tiedon hyödyntämisen edellytykset ja rajapinnat on selvitettävä ennen pilottia.", "flexibleWork"),
        new("Hoitajapula vei henkilöstön perustyöhön, eikä kokeilua voitu jatkaa.",
            "Kokeilun aikataulu on sovitettava henkilöstötilanteeseen; pienempi pilotti olisi ollut toteutettavissa.", "resourcing"),
        new("Kohderyhmää ei tavoitettu monikanavaisesta rekrytoinnista huolimatta.",
            "Rekrytointi on suunniteltava kohderyhmän kanssa; nuoret tavoitetaan heidän omista kanavistaan.", "trustAndCollaboration"),
    ];

    public static readonly IReadOnlyList<string> HoldReasons =
    [
        "Hyvinvointialueen käynnistyminen ja organisaatiomuutos vievät henkilöstön ajan.",
        "Hoitajapula: henkilöstö siirretty perustyöhön.",
        "Asiakastietojärjestelmän vaihto on kesken.",
        "Jatkorahoituksen päätös odottaa.",
        "Tilaratkaisut ovat kesken.",
    ];

    public static readonly IReadOnlyList<string> ProposerRoles =
        ["palveluesihenkilö", "projektipäällikkö", "sosiaalityöntekijä", "kehittämissuunnittelija", "kokemusasiantuntija", "palveluohjaaja", "osallisuuskoordinaattori"];

    public static readonly IReadOnlyList<string> FeedbackChannels = ["chat", "verkkolomake", "tekstiviesti", "paperilomake", "puhelin"];

    public static readonly IReadOnlyList<string> FeedbackThemes =
        ["nopeus", "saavutettavuus", "selkeys", "aukioloajat", "ystävällisyys", "tekninen ongelma", "helppokäyttöisyys", "yhteydenoton helppous"];

    public static readonly IReadOnlyList<string> WorkshopThemes =
    [
        "Kenelle palvelu suunnitellaan, ketkä sitä toteuttavat ja kuka resursoi ja johtaa?",
        "Asiakaspolun kuvaaminen palvelumuotoilun keinoin",
        "Digitaalisen palvelun käytettävyystestaus",
        "Pilotin välitulosten läpikäynti",
        "Yhteydenottokanavien selkeyttäminen",
        "Asiakaslähtöinen viestintä",
    ];

    public static readonly IReadOnlyList<string> Insights =
    [
        "Palvelun aukioloajat on kerrottava selvästi jokaisessa kanavassa.",
        "Asiakkaat haluavat tietää, kuka heidän asiaansa hoitaa.",
        "Ohjaus digitaaliseen palveluun onnistuu, kun työntekijä näyttää sen asiakkaalle kerran.",
        "Selkokieli auttaa kaikkia, ei vain erityisryhmiä.",
        "Järjestöt tavoittavat ryhmiä, joita palvelut eivät tavoita.",
        "Kokemusasiantuntijat nostivat esiin kipukohdan, jota ammattilaiset eivät olleet huomanneet.",
        "Osallistuminen itselle sopivana ajankohtana madaltaa kynnystä.",
        "Ammattilaisten aika osallisuustyöhön on sovittava etukäteen.",
    ];

    public static readonly IReadOnlyList<(string Name, string Kind)> Ngos =
    [
        ("MIELI Suomen Mielenterveys ry", "ngo"), ("Suomen Punainen Risti", "ngo"), ("Mannerheimin Lastensuojeluliitto", "ngo"),
        ("Omaishoitajaliitto", "ngo"), ("Vanhustyön keskusliitto", "ngo"), ("SOSTE Suomen sosiaali ja terveys ry", "ngo"),
    ];

    public static readonly IReadOnlyList<string> Research = ["Työterveyslaitos", "Terveyden ja hyvinvoinnin laitos THL", "Itä-Suomen yliopisto", "Tampereen yliopisto", "Oulun yliopisto", "Turun yliopisto"];

    public static string Slug(string text)
    {
        var map = new Dictionary<char, string> { ['ä'] = "a", ['ö'] = "o", ['å'] = "a", ['–'] = "-" };
        var chars = text.ToLowerInvariant().Select(c => map.TryGetValue(c, out var s) ? s : char.IsAsciiLetterOrDigit(c) ? c.ToString() : "-");
        var slug = string.Concat(chars);
        while (slug.Contains("--")) slug = slug.Replace("--", "-");
        return slug.Trim('-');
    }
}
