namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>
/// The xunit collection of tests that read or set process-wide environment variables: it runs
/// without parallelism, so no child process of another test inherits a half-set environment.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
