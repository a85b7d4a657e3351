using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;

namespace ProjectLedger.Portfolio;

/// <summary>One organiser's row: how many experiments, how far they got, how fast adoption came, whom nobody reached.</summary>
public sealed record CountyRow(
    string County, int Experiments, int ReachedPilot, int Adopted, int Discontinued, IReadOnlyList<Conversion> Conversions,
    decimal? AdoptionRate, decimal? MedianDaysToAdoption, IReadOnlyList<ReachGap> ReachGaps);

/// <summary>The 22 organisers side by side, for national leadership.</summary>
public sealed record CountyComparisonResponse(IReadOnlyList<CountyRow> Counties, DateTimeOffset? At, DateTimeOffset? UpdatedAt)
{
    /// <summary>Now: each county's funnel and participation documents, and the days from proposal to adoption of its adopted experiments.</summary>
    public static async Task<CountyComparisonResponse> Now(IQuerySession session, CancellationToken ct)
    {
        var scopes = CountyCatalog.All.Select(c => DashboardScope.County(c.Slug).Id).ToArray();
        var batch = session.CreateBatchQuery();
        var funnels = batch.LoadMany<FunnelView>().ById(scopes);
        var participation = batch.LoadMany<ParticipationView>().ById(scopes);
        var adoptions = batch.Query<Experiment>().Where(x => x.Adoption != null)
            .Select(x => new AdoptionSpan(x.County, x.ProposedAt, x.Adoption!.AdoptedAt)).ToList();
        await batch.Execute(ct);
        var f = (await funnels).ToDictionary(v => v.Id);
        var p = (await participation).ToDictionary(v => v.Id);
        var updated = f.Values.Select(v => (DateTimeOffset?)v.UpdatedAt).Concat(p.Values.Select(v => (DateTimeOffset?)v.UpdatedAt)).Max();
        return From(f, p, await adoptions, null, updated);
    }

    /// <summary>As of a moment: the same figures over the experiments' states then.</summary>
    public static CountyComparisonResponse AsOf(PortfolioStates states, DateTimeOffset at)
    {
        var funnels = new Dictionary<string, FunnelView>();
        var participation = new Dictionary<string, ParticipationView>();
        foreach (var e in states.Experiments)
        {
            var scope = DashboardScope.County(e.County);
            if (!funnels.TryGetValue(scope, out var funnel)) funnels[scope] = funnel = new FunnelView { Id = scope };
            if (!participation.TryGetValue(scope, out var part)) participation[scope] = part = new ParticipationView { Id = scope };
            funnel.Apply(e, +1);
            part.Apply(e, +1);
        }
        var adoptions = states.Experiments.Where(e => e.Adoption is not null)
            .Select(e => new AdoptionSpan(e.County, e.ProposedAt, e.Adoption!.AdoptedAt)).ToList();
        return From(funnels, participation, adoptions, at, states.LastEventAt);
    }

    private static CountyComparisonResponse From(IReadOnlyDictionary<string, FunnelView> funnels, IReadOnlyDictionary<string, ParticipationView> participation,
        IReadOnlyList<AdoptionSpan> adoptions, DateTimeOffset? at, DateTimeOffset? updated)
    {
        var days = adoptions.ToLookup(a => a.County, a => (int)Math.Floor((a.AdoptedAt - a.ProposedAt).TotalDays));
        var rows = CountyCatalog.All.Select(c =>
        {
            var scope = DashboardScope.County(c.Slug);
            var funnel = FunnelResponse.From(scope, funnels.GetValueOrDefault(scope));
            int Reached(Stage s) => funnel.Stages.Single(x => x.Stage == s).Reached;
            var adopted = Reached(Stage.Adopted);
            var histogram = days[c.Slug].GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
            return new CountyRow(c.Slug, funnel.Total, Reached(Stage.Piloting), adopted, Reached(Stage.Discontinued), funnel.Conversions,
                funnel.Total == 0 ? null : Math.Round((decimal)adopted / funnel.Total, 3), FunnelResponse.Median(histogram),
                ParticipationResponse.From(scope, participation.GetValueOrDefault(scope)).ReachGaps);
        }).ToList();
        return new CountyComparisonResponse(rows, at, updated);
    }
}

public sealed record AdoptionSpan(string County, DateTimeOffset ProposedAt, DateTimeOffset AdoptedAt);
