using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>
/// What a caller learns about another county's streams: that they are not theirs, never whose they
/// are, and nothing that depends on what the stream holds (no oracle).
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class OtherCountyTests(LedgerApp app)
{
    private const string Owner = "vantaa-kerava";
    private readonly Api _owner = new Api(app).As("projectOffice", Owner);
    private readonly Api _stranger = new Api(app).As("projectOffice", "helsinki");

    private static void ShouldNotNameTheOwner(JsonNode problem)
    {
        problem.ShouldBeProblem(403);
        var detail = problem["detail"]!.GetValue<string>();
        detail.ShouldNotContain(Owner);
        detail.ShouldContain("helsinki"); // actionable: says whose streams the caller may use
    }

    [Fact]
    public async Task reading_or_writing_another_countys_experiment_or_project_is_refused_without_naming_its_county()
    {
        var experiment = await new ExperimentScenarios(_owner).ProposeAsync(Owner);
        var project = (await _owner.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();

        ShouldNotNameTheOwner(await _stranger.Get($"/api/experiments/{experiment}", 403));
        ShouldNotNameTheOwner(await _stranger.Post($"/api/experiments/{experiment}/plan", ExperimentBodies.Plan(ExperimentScenarios.Criterion), 403));
        ShouldNotNameTheOwner(await _stranger.Get($"/api/projects/{project}", 403));
        ShouldNotNameTheOwner(await _stranger.Post($"/api/projects/{project}/close", new { summary = "Valmis" }, 403));
        ShouldNotNameTheOwner(await _stranger.Get($"/api/dashboards/funnel?projectId={project}", 403));
    }

    [Fact]
    public async Task watching_another_countys_project_is_refused_without_naming_its_county()
    {
        var project = (await _owner.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        var server = app.Host.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/dashboards"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(app.Token("projectOffice", "helsinki"));
            })
            .Build();
        await connection.StartAsync();
        var refusal = await Should.ThrowAsync<HubException>(() => connection.InvokeAsync<JsonElement>("Watch", "funnel", $"project:{project}"));
        refusal.Message.ShouldContain("Forbidden");
        refusal.Message.ShouldNotContain(Owner);
    }

    /// <summary>A real and a made-up workstream of another county's project get the same 403: the answer tells nothing about the project.</summary>
    [Fact]
    public async Task proposing_into_another_countys_project_is_refused_before_its_workstreams_are_looked_at()
    {
        var project = (await _owner.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        var before = await app.EventCount();

        var real = await _stranger.Post("/api/experiments", ExperimentBodies.ChatAdvice(Owner, projectId: project, workstream: "Neuvonta ja asiakasohjaus"), 403);
        var madeUp = await _stranger.Post("/api/experiments", ExperimentBodies.ChatAdvice(Owner, projectId: project, workstream: "Ei tällaista"), 403);
        real["detail"]!.GetValue<string>().ShouldBe(madeUp["detail"]!.GetValue<string>());

        // Into their own county with another county's project: 400, still without naming the owner.
        var own = await _stranger.Post("/api/experiments", ExperimentBodies.ChatAdvice("helsinki", projectId: project, workstream: "Ei tällaista"), 400);
        own.Messages("projectId").Single().ShouldNotContain(Owner);
        own.Messages("projectId").Single().ShouldContain("helsinki");
        (await app.EventCount()).ShouldBe(before);
    }
}
