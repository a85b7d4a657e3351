using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

[Collection(LedgerCollection.Name)]
public sealed class HostTests(LedgerApp app)
{
    private readonly Api _api = new(app);

    /// <summary>Malformed bodies are logged by Wolverine under the command type's category: only those are silenced, not the features' namespaces.</summary>
    [Fact]
    public void only_the_command_body_readers_are_silenced_in_the_logs()
    {
        var loggers = app.Host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        loggers.CreateLogger(typeof(ProjectLedger.Experiments.LaunchPilot).FullName!).IsEnabled(Microsoft.Extensions.Logging.LogLevel.Error).ShouldBeFalse();
        loggers.CreateLogger(typeof(ProjectLedger.Projects.RegisterProject).FullName!).IsEnabled(Microsoft.Extensions.Logging.LogLevel.Error).ShouldBeFalse();
        loggers.CreateLogger(typeof(ProjectLedger.Experiments.ExperimentProjection).FullName!).IsEnabled(Microsoft.Extensions.Logging.LogLevel.Error).ShouldBeTrue();
        loggers.CreateLogger("ProjectLedger.Projects.Anything").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning).ShouldBeTrue();
    }

    [Fact]
    public async Task health_reports_the_database_ready()
    {
        var health = await _api.Send(HttpMethod.Get, "/health", null, 200, withToken: false);
        health["status"]!.GetValue<string>().ShouldBe("Healthy");
        health["checks"]!["database"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        health["checks"]!["projections"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        health["checks"]!["projections"]!["data"]!["eventLogHead"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task counties_lists_all_22_in_three_languages()
    {
        var counties = (await _api.Get("/api/counties")).AsArray();
        counties.Count.ShouldBe(22);
        var vantaa = counties.Single(c => c!["slug"]!.GetValue<string>() == "vantaa-kerava")!;
        vantaa["fi"]!.GetValue<string>().ShouldBe("Vantaan ja Keravan hyvinvointialue");
        vantaa["sv"]!.GetValue<string>().ShouldBe("Vanda och Kervo välfärdsområde");
        vantaa["en"]!.GetValue<string>().ShouldContain("Vantaa and Kerava");
        counties.Select(c => c!["slug"]!.GetValue<string>()).ShouldContain("helsinki");
    }

    [Fact]
    public async Task an_unknown_api_route_is_a_404_problem()
    {
        (await _api.Get("/api/nothing-here", 404)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task a_query_value_that_does_not_parse_is_a_400_problem()
    {
        (await _api.Get("/api/experiments?page=abc", 400)).ShouldBeProblem(400);
        (await _api.Get("/api/dashboards/funnel?at=yesterday", 400)).ShouldBeProblem(400);
    }

    [Fact]
    public async Task a_missing_file_is_404_not_401()
    {
        (await _api.Send(HttpMethod.Get, "/no-such-file.png", null, 404, withToken: false)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_refused_with_a_problem()
    {
        var before = await app.EventCount();
        var problem = await _api.PostRaw("/api/projects", "name=Asukkaan asialla", 415, "application/x-www-form-urlencoded");
        problem.ShouldBeProblem(415);
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_correlation_id_a_client_sends_comes_back()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(ProjectLedger.Tests.Projects.ProjectBodies.AsukkaanAsialla()).ToUrl("/api/projects");
            s.WithRequestHeader("Authorization", "Bearer " + app.Token("projectOffice", "vantaa-kerava"));
            s.WithRequestHeader("X-Correlation-Id", "pilot-review-2026-11");
            s.StatusCodeShouldBe(201);
            s.Header("X-Correlation-Id").SingleValueShouldEqual("pilot-review-2026-11");
        });
        var id = (await result.ReadAsJsonAsync<ProjectLedger.Streams.WriteResult>())!.Id;
        (await app.StreamEvents(id)).Single().CorrelationId.ShouldBe("pilot-review-2026-11");
    }
}
