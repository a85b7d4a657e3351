using JasperFx.Events.Projections;
using Marten;

namespace ProjectLedger.Projects;

public static class ProjectsSetup
{
    public static void ConfigureProjects(this StoreOptions opts)
    {
        opts.Projections.Add<ProjectProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Project>().Index(p => p.County);
    }
}
