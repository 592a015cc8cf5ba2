// The release test publishes with dotnet and runs terraform; keep at most two things at once.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
