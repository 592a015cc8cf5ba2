using Homelab.Testing;
using Homelab.NixGen.Rendering;
using Homelab.NixGen.Tests.Rendering;

namespace Homelab.NixGen.Tests.TestKit;

/// <summary>The runtime scripts as nixgen renders them, written to a temp dir so bash can run them.</summary>
internal sealed class RenderedScripts : IDisposable
{
    private readonly TempDir _dir = new();

    public RenderedScripts()
    {
        foreach (var file in GoldenTests.RenderCase("homelab").Where(f => f.RelativePath.StartsWith("scripts/", StringComparison.Ordinal)))
        {
            _dir.Write(file.RelativePath, file.Content);
        }
    }

    public string PathOf(string script) => _dir.Combine("scripts", script);

    /// <summary>Writes an executable shim into <paramref name="binDir"/>.</summary>
    public static void Shim(string binDir, string name, string body) =>
        Executable.Write(Path.Combine(binDir, name), "#!/usr/bin/env bash\n" + body + "\n");

    public static string PathWith(string binDir) => binDir + ":" + Environment.GetEnvironmentVariable("PATH");

    public void Dispose() => _dir.Dispose();

    internal static IReadOnlyList<OutputFile> Files() => GoldenTests.RenderCase("homelab");
}
