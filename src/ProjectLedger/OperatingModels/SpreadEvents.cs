namespace ProjectLedger.OperatingModels;

// Facts of an experiment's stream about its operating model travelling: where it came from, and
// whether it is in the public catalogue. Immutable data only; each has a schema in eventschema/.

/// <summary>The experiment was proposed as an adaptation of another experiment's adopted operating model (any county).</summary>
public sealed record ExperimentAdaptedFrom(Guid OriginId, string OriginCounty, string OperatingModelTitle);

/// <summary>The adopted operating model was published to the public catalogue, by the role, for the rationale; lessons only if chosen.</summary>
public sealed record OperatingModelPublished(bool IncludeLessons, string Rationale, string PublisherRole);

/// <summary>The operating model was taken out of the public catalogue.</summary>
public sealed record OperatingModelWithdrawn(string Rationale, string WithdrawerRole);

/// <summary>Where an experiment's model came from (kept on the experiment's state).</summary>
public sealed record Lineage(Guid OriginId, string OriginCounty, string OperatingModelTitle);

/// <summary>The experiment's model is in the public catalogue since PublishedAt.</summary>
public sealed record Publication(DateTimeOffset PublishedAt, bool IncludeLessons);
