using ProjectLedger.Counties;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;

namespace ProjectLedger.Demo;

/// <summary>
/// One experiment of the funnel, from a template, driven to the stage it is meant to end in. Times
/// are laid out backwards from the stage's decisive moment so the whole history fits the two years.
/// </summary>
public sealed class DemoFunnelExperiment(DemoBuilder b, DemoCounty county, DemoTemplate template)
{
    private readonly DemoPlace _place = b.Pick(county.Places);
    private DemoStream _s = null!;
    private DemoOutcome _outcome = DemoOutcome.Success;
    private DemoFailure? _failure;
    private DateOnly _start;
    private DateOnly _plannedEnd;

    private DateTimeOffset Now => b.Clock.Now;
    private DateOnly Today => b.Clock.Today;
    private double Days(double min, double max) => b.Between(min, max);
    private static DateOnly DateOf(DateTimeOffset t) => DemoClock.DateOf(t);

    public void Run(Stage target, bool livePilot)
    {
        switch (target)
        {
            case Stage.Idea:
            {
                var t0 = Now.AddDays(-Days(2, 300));
                Propose(t0 < b.EarliestExperiment ? b.EarliestExperiment : t0);
                IdeaPhase(Now.AddHours(-2));
                break;
            }
            case Stage.Planned:
            {
                var t = b.Backward(Now.AddDays(-Days(3, 250)), Days(10, 80));
                Propose(t[0]);
                IdeaPhase(t[1]);
                PlanPhase(t[1], Now.AddHours(-2));
                break;
            }
            case Stage.Piloting when livePilot:
            {
                _outcome = b.Chance(0.7) ? DemoOutcome.Success : DemoOutcome.Partial;
                var t = b.Backward(Now.AddDays(-Days(12, 170)), Days(10, 80), Days(15, 60));
                var start = Min(DateOf(t[2]).AddDays(b.R.Next(0, 8)), Today.AddDays(-5));
                var plannedEnd = Max(start.AddDays((int)Days(90, 270)), Today.AddDays((int)Days(7, 120)));
                Propose(t[0]);
                IdeaPhase(t[1]);
                PlanPhase(t[1], t[2]);
                PilotPhase(t[2], start, plannedEnd, Today.AddDays(-1), Now.AddHours(-2), final: false, live: true);
                break;
            }
            case Stage.Piloting:
            {
                // Planned end passed and nobody has ended the pilot: evaluation overdue.
                _outcome = b.Chance(0.5) ? DemoOutcome.Partial : DemoOutcome.Success;
                var t = b.Backward(Now.AddDays(-Days(150, 330)), Days(10, 80), Days(15, 60));
                var start = DateOf(t[2]).AddDays(b.R.Next(0, 8));
                var plannedEnd = Max(Today.AddDays(-(int)Days(3, 70)), start.AddDays(30));
                Propose(t[0]);
                IdeaPhase(t[1]);
                PlanPhase(t[1], t[2]);
                PilotPhase(t[2], start, plannedEnd, plannedEnd, Now.AddHours(-2), final: false, live: false);
                break;
            }
            case Stage.Evaluating:
            {
                _outcome = (DemoOutcome)b.R.Next(3);
                var revise = b.Chance(0.25);
                var anchor = Now.AddDays(-Days(3, 140));
                var t = revise
                    ? b.Backward(anchor, Days(10, 60), Days(15, 45), Days(60, 120), Days(20, 60), Days(60, 160))
                    : b.Backward(anchor, Days(10, 80), Days(15, 60), Days(60, 200));
                RunUpToEnd(t, revise);
                if (b.Chance(0.4)) EvaluationActivity(t[^1], Now.AddHours(-2));
                break;
            }
            case Stage.Adopted:
            {
                _outcome = DemoOutcome.Success;
                var revise = b.Chance(0.2);
                var anchor = Now.AddDays(-Days(5, 380));
                var t = revise
                    ? b.Backward(anchor, Days(10, 60), Days(15, 45), Days(60, 120), Days(20, 60), Days(60, 150), Days(10, 50), Days(2, 25))
                    : b.Backward(anchor, Days(10, 80), Days(15, 60), Days(60, 180), Days(10, 60), Days(2, 25));
                RunUpToEnd(t[..^2], revise);
                b.Evaluate(_s, t[^2], "adopt", Pick(AdoptLessons), "Arviointi valmis: kriteerit täyttyivät");
                AdoptAndWiden(t[^1]);
                break;
            }
            case Stage.Discontinued:
                Discontinued();
                break;
            case Stage.OnHold:
                OnHold();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, null);
        }
    }

    // ---- Phases ---------------------------------------------------------------------------------

    private void Propose(DateTimeOffset at)
    {
        var projects = b.Projects.GetValueOrDefault(county.Slug) ?? [];
        var project = projects.FirstOrDefault(p => p.Workstreams.Any(w => w.Name == template.Workstream)) ?? projects.FirstOrDefault();
        var workstream = project?.Workstreams.Any(w => w.Name == template.Workstream) == true ? template.Workstream : null;
        if (b.Chance(0.1)) (project, workstream) = (null, null);
        _s = b.Propose(county.Slug, $"{template.Title} – {_place.Name}", template.Problem, template.Themes, project, workstream, at, user: 1 + b.R.Next(2));
    }

    private void IdeaPhase(DateTimeOffset until)
    {
        var cursor = _s.Last;
        if (Next(ref cursor, until, 0.2, 6)) b.Join(_s, cursor, Site(template.SiteKinds[0]), "professional", "delivers");
        if (b.Chance(0.5) && Next(ref cursor, until, 1, 15)) JoinOne(cursor);
        if (b.Chance(0.35) && Next(ref cursor, until, 5, 30)) Participate(cursor, DateOf(cursor).AddDays(-(int)Days(3, 14)), DateOf(cursor).AddDays(-1), "ideation");
        if (b.Chance(0.2) && Next(ref cursor, until, 3, 20)) Workshop(cursor);
    }

    private void PlanPhase(DateTimeOffset tPlan, DateTimeOffset until)
    {
        b.Plan(_s, tPlan, template.Hypothesis, template.TargetGroup, template.Criteria, Math.Round((decimal)Days(20, 400)),
            "Suunnitelma hyväksytty kehittämisryhmässä");
        var cursor = _s.Last;
        if (Next(ref cursor, until, 0.1, 4)) b.Join(_s, cursor, $"{_place.Genitive} asukkaat", "client", "designedFor");
        if (Next(ref cursor, until, 0.1, 4)) b.Join(_s, cursor, $"{CountyFi()} – palvelualueen johto", "leadership", "resourcesAndLeads");
        if (b.Chance(0.6) && Next(ref cursor, until, 1, 10)) JoinOne(cursor);
        if (b.Chance(0.4) && Next(ref cursor, until, 3, 20)) Participate(cursor, DateOf(cursor).AddDays(-(int)Days(5, 20)), DateOf(cursor).AddDays(-1), "planning");
        if (b.Chance(0.3) && Next(ref cursor, until, 2, 15)) Workshop(cursor);
        if (b.Chance(0.4) && Next(ref cursor, until, 1, 10)) Factors(cursor, "Lähtötason arvio ennen pilottia");
        if (b.Chance(0.1) && (until - cursor).TotalDays > 20)
        {
            var hold = cursor.AddDays((until - cursor).TotalDays * 0.2);
            b.Hold(_s, hold, b.Pick(DemoVocabulary.HoldReasons));
            b.Resume(_s, hold.AddDays((until - hold).TotalDays * 0.6), "Resurssit järjestyivät; suunnittelu jatkuu");
        }
    }

    private void PilotPhase(DateTimeOffset tLaunch, DateOnly start, DateOnly plannedEnd, DateOnly activityEnd, DateTimeOffset limit, bool final, bool live)
    {
        _start = start;
        _plannedEnd = plannedEnd;
        var sites = template.SiteKinds.Take(1 + b.R.Next(template.SiteKinds.Count)).Select(Site).ToList();
        b.Launch(_s, tLaunch, sites, start, plannedEnd, template.Channels, "Pilotin käynnistyspäätös ohjausryhmässä");

        var period = start;
        var round = 0;
        var factorsAt = b.R.Next(1, 4);
        while (true)
        {
            var periodEnd = period.AddDays(27);
            if (periodEnd > activityEnd || periodEnd >= Today) break;
            var at = b.OfficeHours(periodEnd.AddDays(b.R.Next(1, 5)));
            if (at >= limit || !_s.Fits(at)) break;
            Participate(at, period, periodEnd, b.Chance(0.5) ? "development" : "implementation");
            var criterion = template.Criteria[round % template.Criteria.Count];
            b.Measure(_s, at.AddMinutes(20), criterion.Metric!, Value(criterion, Progress(periodEnd)), periodEnd);
            if (b.Chance(0.5)) Feedback(at.AddMinutes(40));
            if (b.Chance(0.15)) Workshop(at.AddHours(1), periodEnd.AddDays(-b.R.Next(1, 20)));
            if (++round == factorsAt) Factors(at.AddHours(2), "Väliarvio pilotin aikana");
            period = periodEnd.AddDays(1);
        }

        if (live && b.Chance(0.8) && period <= Today.AddDays(-1))
        {
            var at = Now.AddDays(-Days(0.1, 6));
            if (_s.Fits(at)) Participate(at, period, Today.AddDays(-1), b.Chance(0.5) ? "development" : "implementation");
        }
        if (final)
        {
            var at = limit.AddHours(-Days(2, 20));
            foreach (var c in template.Criteria) b.Measure(_s, at, c.Metric!, Value(c, 1), activityEnd);
        }
    }

    private void RunUpToEnd(DateTimeOffset[] t, bool revise)
    {
        Propose(t[0]);
        IdeaPhase(t[1]);
        PlanPhase(t[1], t[2]);
        if (revise)
        {
            var firstOutcome = _outcome;
            _outcome = DemoOutcome.Partial;
            var (s1, e1) = PilotDates(t[2], t[3]);
            PilotPhase(t[2], s1, e1, e1, t[3], final: true, live: false);
            b.EndPilot(_s, t[3], Min(e1, DateOf(t[3])));
            var gap = (t[4] - t[3]).TotalDays;
            b.Evaluate(_s, t[3].AddDays(gap / 3), "revise",
                "Osa kriteereistä jäi saavuttamatta; ohjausta ja kohderyhmän tavoittamista korjataan ennen uutta pilottia.", "Arviointi: korjataan ja pilotoidaan uudelleen");
            b.Plan(_s, t[3].AddDays(gap * 2 / 3), template.Hypothesis + " Toisella kierroksella ohjaus digipalveluun kuuluu jokaisen työntekijän perehdytykseen.",
                template.TargetGroup, template.Criteria, Math.Round((decimal)Days(40, 400)), "Suunnitelmaa korjattu arvioinnin perusteella");
            _outcome = firstOutcome;
            t = t[4..];
        }
        var (start, ended) = PilotDates(t[0], t[1]);
        PilotPhase(t[0], start, start.AddDays(Math.Max(0, ended.DayNumber - start.DayNumber + b.R.Next(-7, 15))), ended, t[1], final: true, live: false);
        b.EndPilot(_s, t[1], ended, "Pilotti päättyi suunnitellusti");
    }

    private (DateOnly Start, DateOnly End) PilotDates(DateTimeOffset launch, DateTimeOffset end)
    {
        var start = DateOf(launch).AddDays(Math.Min(7, b.R.Next(0, 8)));
        var ended = DateOf(end).AddDays(-b.R.Next(0, 4));
        if (ended < start) ended = start;
        if (start > DateOf(end)) start = ended = DateOf(end);
        return (start, ended);
    }

    private void EvaluationActivity(DateTimeOffset from, DateTimeOffset until)
    {
        var cursor = from;
        if (Next(ref cursor, until, 2, 20)) Participate(cursor, DateOf(cursor).AddDays(-7), DateOf(cursor).AddDays(-1), "evaluation");
        if (b.Chance(0.5) && Next(ref cursor, until, 1, 10)) Feedback(cursor);
        if (b.Chance(0.5) && Next(ref cursor, until, 1, 10)) Factors(cursor, "Loppuarvio onnistumisen tekijöistä");
    }

    private void AdoptAndWiden(DateTimeOffset at)
    {
        var roll = b.R.NextDouble();
        var scope = roll < 0.35 ? "Unit" : roll < 0.8 ? "County" : roll < 0.92 ? "MultiCounty" : "National";
        var processes = new List<string> { template.Process };
        if (b.Chance(0.4)) processes.Add("Asiakasohjauksen prosessi");
        b.Adopt(_s, at, scope, processes, $"{template.Title} – toimintamalli ({county.Genitive} alue)",
            $"https://innokyla.fi/fi/toimintamalli/{DemoVocabulary.Slug(template.Title)}-{county.Slug}",
            $"Arvioinnin mukaan tavoitteet saavutettiin; toimintamalli juurrutetaan prosessiin: {template.Process}.");
        var cursor = at;
        var rank = Vocabulary.ScopeRank(scope);
        while (rank < Vocabulary.Scopes.Count - 1 && b.Chance(0.35))
        {
            cursor = cursor.AddDays(Days(20, 200));
            if (!(cursor < Now.AddDays(-1)) || !_s.Fits(cursor)) break;
            var to = Vocabulary.Scopes[++rank];
            b.Widen(_s, cursor, to, to switch
            {
                "County" => "Yksikön kokemukset hyviä; toimintamalli laajennetaan koko hyvinvointialueelle.",
                "MultiCounty" => "Naapurialueet ottivat Innokylään julkaistun toimintamallin käyttöön.",
                _ => "Toimintamalli valittiin valtakunnalliseen levitykseen Innokylän kautta.",
            });
        }
    }

    private void Discontinued()
    {
        _outcome = DemoOutcome.Failure;
        _failure = b.Pick(DemoVocabulary.Failures);
        var anchor = Now.AddDays(-Days(3, 480));
        var from = b.R.Next(100);
        if (from < 20)
        {
            var t = b.Backward(anchor, Days(10, 120));
            Propose(t[0]);
            IdeaPhase(t[1]);
            b.Discontinue(_s, t[1], _failure.Reason, _failure.Lessons);
        }
        else if (from < 45)
        {
            var t = b.Backward(anchor, Days(10, 80), Days(20, 150));
            Propose(t[0]);
            IdeaPhase(t[1]);
            PlanPhase(t[1], t[2]);
            b.Discontinue(_s, t[2], _failure.Reason, _failure.Lessons);
        }
        else if (from < 75)
        {
            var t = b.Backward(anchor, Days(10, 80), Days(15, 60), Days(40, 150));
            Propose(t[0]);
            IdeaPhase(t[1]);
            PlanPhase(t[1], t[2]);
            var start = Min(DateOf(t[2]).AddDays(b.R.Next(0, 8)), DateOf(t[3]));
            PilotPhase(t[2], start, start.AddDays((int)Days(90, 200)), DateOf(t[3]), t[3], final: false, live: false);
            b.Discontinue(_s, t[3], _failure.Reason, _failure.Lessons);
        }
        else
        {
            var t = b.Backward(anchor, Days(10, 80), Days(15, 60), Days(60, 180), Days(10, 40), Days(1, 14));
            RunUpToEnd(t[..^2], revise: false);
            b.Evaluate(_s, t[^2], "discontinue", _failure.Lessons, "Arviointi: kokeilua ei jatketa");
            b.Discontinue(_s, t[^1], _failure.Reason, _failure.Lessons);
        }
    }

    private void OnHold()
    {
        _outcome = DemoOutcome.Partial;
        var anchor = Now.AddDays(-Days(3, 200));
        var reason = b.Pick(DemoVocabulary.HoldReasons);
        var from = b.R.Next(100);
        if (from < 25)
        {
            var t = b.Backward(anchor, Days(5, 90));
            Propose(t[0]);
            IdeaPhase(t[1]);
            b.Hold(_s, t[1], reason);
        }
        else if (from < 60)
        {
            var t = b.Backward(anchor, Days(10, 80), Days(10, 100));
            Propose(t[0]);
            IdeaPhase(t[1]);
            PlanPhase(t[1], t[2]);
            b.Hold(_s, t[2], reason);
        }
        else
        {
            var t = b.Backward(anchor, Days(10, 80), Days(15, 60), Days(20, 120));
            Propose(t[0]);
            IdeaPhase(t[1]);
            PlanPhase(t[1], t[2]);
            var start = Min(DateOf(t[2]).AddDays(b.R.Next(0, 8)), DateOf(t[3]));
            PilotPhase(t[2], start, start.AddDays((int)Days(90, 200)), DateOf(t[3]), t[3], final: false, live: false);
            b.Hold(_s, t[3], reason);
        }
    }

    // ---- Single steps ---------------------------------------------------------------------------

    private void JoinOne(DateTimeOffset at)
    {
        var (organisation, kind, roles) = b.R.Next(6) switch
        {
            0 => ($"{county.Genitive} kokemusasiantuntijaverkosto", "experienceExpert", new[] { "designedFor", "delivers" }),
            1 => (b.Pick(DemoVocabulary.Ngos).Name, "ngo", new[] { "delivers" }),
            2 => (county.University, "education", new[] { "delivers" }),
            3 => (b.Pick(DemoVocabulary.Research), "research", new[] { "delivers" }),
            4 => ("Alueen palveluntuottajayritykset", "company", new[] { "delivers" }),
            _ => ($"{_place.Genitive} asiakasraati", "client", new[] { "designedFor" }),
        };
        if (_s.Current.Stakeholders.Any(s => s.Organisation == organisation)) return;
        b.Join(_s, at, organisation, kind, roles);
    }

    private void Participate(DateTimeOffset at, DateOnly from, DateOnly to, string way)
    {
        if (from > to) from = to;
        var clients = b.R.Next(4, 46);
        var experts = b.Chance(0.5) ? b.R.Next(1, 4) : 0;
        var professionals = b.R.Next(1, 7);
        var byKind = new Dictionary<string, int> { ["client"] = clients, ["experienceExpert"] = experts, ["professional"] = professionals };
        var byAge = b.AgeBands(clients, template.AgeWeights);
        foreach (var (band, n) in b.AgeBands(experts + professionals, [0, 2, 6, 1])) byAge[band] += n;
        b.Participation(_s, at, from, to, way, b.Chance(template.DigitalShare) ? "digital" : "inPerson", byKind, byAge);
    }

    private void Workshop(DateTimeOffset at, DateOnly? date = null)
    {
        var kind = template.Workstream == DemoVocabulary.Participation && b.Chance(0.4) ? "experienceExpertClinic" : "workshop";
        var attendees = new Dictionary<string, int>
        {
            ["professional"] = b.R.Next(2, 8), ["experienceExpert"] = b.R.Next(0, 5), ["client"] = b.R.Next(0, 10), ["ngo"] = b.R.Next(0, 3),
        };
        b.Session(_s, at, kind, date ?? DateOf(at).AddDays(-b.R.Next(0, 5)), b.Pick(DemoVocabulary.WorkshopThemes), attendees,
            DemoVocabulary.Insights.OrderBy(_ => b.R.Next()).Take(1 + b.R.Next(2)).ToList());
    }

    private void Feedback(DateTimeOffset at)
    {
        var score = _outcome switch { DemoOutcome.Success => 4, DemoOutcome.Partial => 3, _ => 2 } + b.R.Next(-1, 2);
        var channel = template.Channels.FirstOrDefault(c => DemoVocabulary.FeedbackChannels.Contains(c)) ?? b.Pick(DemoVocabulary.FeedbackChannels);
        b.Feedback(_s, at, channel, Math.Clamp(score, 1, 5), DemoVocabulary.FeedbackThemes.OrderBy(_ => b.R.Next()).Take(1 + b.R.Next(2)).ToList());
    }

    private void Factors(DateTimeOffset at, string reason)
    {
        var mean = _outcome switch { DemoOutcome.Success => 4, DemoOutcome.Partial => 3, _ => 2 };
        int Score(string factor) => _failure?.WeakFactor == factor ? 1 : Math.Clamp(mean + b.R.Next(-1, 2), 1, 5);
        b.Factors(_s, at, Score("competence"), Score("commitment"), Score("leadership"), Score("trustAndCollaboration"),
            Score("flexibleWork"), Score("processEmbedding"), Score("resourcing"), reason);
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private bool Next(ref DateTimeOffset cursor, DateTimeOffset until, double minDays, double maxDays)
    {
        var next = cursor.AddDays(Days(minDays, maxDays));
        if (next >= until || !_s.Fits(next)) return false;
        cursor = next;
        return true;
    }

    private double Progress(DateOnly on)
    {
        var span = Math.Max(1, _plannedEnd.DayNumber - _start.DayNumber);
        return Math.Clamp((on.DayNumber - _start.DayNumber) / (double)span, 0.05, 1);
    }

    private decimal Value(SuccessCriterionInput c, double progress)
    {
        var first = ReferenceEquals(c, template.Criteria[0]);
        var reach = _outcome switch
        {
            DemoOutcome.Success => 1.15,
            DemoOutcome.Partial => first ? 1.1 : 0.55,
            _ => 0.45,
        };
        var span = (double)(c.Target!.Value - c.Baseline!.Value);
        var value = (double)c.Baseline.Value + span * reach * progress + span * Days(-0.04, 0.04);
        var fine = c.Unit is "%" or "/5" || Math.Abs(span) < 10;
        return Math.Max(0, Math.Round((decimal)value, fine ? 1 : 0));
    }

    private string Site(string kind) => char.IsUpper(kind[0]) ? $"{kind} {_place.Name}" : $"{_place.Genitive} {kind}";

    private string CountyFi() => CountyCatalog.All.First(c => c.Slug == county.Slug).Fi;

    private string Pick(IReadOnlyList<string> items) => b.Pick(items);

    private static DateOnly Min(DateOnly a, DateOnly c) => a < c ? a : c;
    private static DateOnly Max(DateOnly a, DateOnly c) => a > c ? a : c;

    private static readonly IReadOnlyList<string> AdoptLessons =
    [
        "Kokeilu onnistui, kun se juurrutettiin yksikön palveluprosessiin eikä liimattu vanhan päälle.",
        "Yhteistyö, luottamus ja joustava työskentely olivat onnistumisen edellytyksiä; johto tuki kokeilua näkyvästi.",
        "Henkilöstön osaaminen ja sitoutuminen varmistettiin perehdytyksellä; asiakkaat ohjattiin palveluun ensimmäisellä kontaktilla.",
        "Asiakkaiden mukanaolo alusta alkaen tuotti palvelun, joka vastaa heidän tarpeisiinsa.",
    ];
}
