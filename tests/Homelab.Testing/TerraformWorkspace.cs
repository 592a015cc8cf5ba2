using System.Text.Json;

namespace Homelab.Testing;

/// <summary>
/// A temporary Terraform working directory that loads one provider through <c>dev_overrides</c>
/// (per-test CLI config, no network, no init) and drives the real <c>terraform</c> on the PATH.
/// <see cref="Apply"/> always checks that the next plan is empty, with and without refresh.
/// </summary>
public sealed class TerraformWorkspace : IDisposable
{
    private readonly Dictionary<string, string?> _env;

    private TerraformWorkspace(string providerDir, string source, string localName)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("homelab-tf-").FullName;
        Source = source;
        LocalName = localName;
        var cliConfig = System.IO.Path.Combine(Directory, ".terraformrc");
        File.WriteAllText(cliConfig, $$"""
            provider_installation {
              dev_overrides {
                "{{source}}" = "{{providerDir}}"
              }
              direct {}
            }
            """);
        _env = new Dictionary<string, string?>
        {
            ["TF_CLI_CONFIG_FILE"] = cliConfig,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
            ["CHECKPOINT_DISABLE"] = "1",
            ["TF_LOG"] = null,
            ["TF_PLUGIN_CACHE_DIR"] = null,
        };
    }

    public string Directory { get; }

    public string Source { get; }

    public string LocalName { get; }

    /// <summary>Extra environment for terraform and, through it, the provider (e.g. HOMELAB_* settings).</summary>
    public IDictionary<string, string?> Environment => _env;

    /// <summary>A workspace for the homelab provider (source <c>example.com/homelab/homelab</c>).</summary>
    public static TerraformWorkspace Create(string providerDir) => new(providerDir, "example.com/homelab/homelab", "homelab");

    public static TerraformWorkspace Create(string providerDir, string source, string localName) => new(providerDir, source, localName);

    /// <summary>Writes main.tf: the required_providers block followed by <paramref name="hcl"/>.</summary>
    public void WriteConfig(string hcl) =>
        File.WriteAllText(System.IO.Path.Combine(Directory, "main.tf"), ConfigPreamble + hcl);

    /// <summary>The lines <see cref="WriteConfig"/> puts before the caller's HCL (tests count lines after it).</summary>
    public string ConfigPreamble => $$"""
        terraform {
          required_providers {
            {{LocalName}} = { source = "{{Source}}" }
          }
        }

        """;

    public void WriteFile(string name, string content) => File.WriteAllText(System.IO.Path.Combine(Directory, name), content);

    public ProcessResult Run(params string[] args) =>
        ProcessRunner.Run("terraform", args, Directory, _env, TimeSpan.FromMinutes(10));

    /// <summary>terraform apply, then the plan must be empty (refresh on and off).</summary>
    public ProcessResult Apply(params string[] extraArgs)
    {
        var result = Expect(Run(["apply", "-auto-approve", "-input=false", "-no-color", .. extraArgs]), 0, "apply");
        AssertEmptyPlan();
        return result;
    }

    /// <summary>terraform apply that must fail; returns its output for assertions.</summary>
    public ProcessResult ApplyExpectError(params string[] extraArgs)
    {
        var result = Run(["apply", "-auto-approve", "-input=false", "-no-color", .. extraArgs]);
        return result.ExitCode != 0 ? result : throw new TerraformException($"apply was expected to fail but succeeded:\n{result}");
    }

    public ProcessResult Plan(params string[] extraArgs) =>
        Run(["plan", "-input=false", "-no-color", .. extraArgs]);

    /// <summary>A plan that must propose changes (exit 2 with -detailed-exitcode).</summary>
    public ProcessResult PlanExpectChanges(params string[] extraArgs) =>
        Expect(Run(["plan", "-input=false", "-no-color", "-detailed-exitcode", .. extraArgs]), 2, "plan (expecting changes)");

    public void AssertEmptyPlan()
    {
        Expect(Run("plan", "-input=false", "-no-color", "-detailed-exitcode"), 0, "plan after apply (must be empty)");
        Expect(Run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-refresh=false"), 0, "plan -refresh=false after apply (must be empty)");
    }

    public ProcessResult Import(string address, string id)
    {
        var result = Expect(Run("import", "-input=false", "-no-color", address, id), 0, "import");
        AssertEmptyPlan();
        return result;
    }

    public ProcessResult Destroy() => Expect(Run("destroy", "-auto-approve", "-input=false", "-no-color"), 0, "destroy");

    public JsonDocument ShowJson() => JsonDocument.Parse(Expect(Run("show", "-json", "-no-color"), 0, "show -json").Stdout);

    /// <summary>The <c>values</c> of resource <paramref name="address"/> in <c>terraform show -json</c>; null when absent.</summary>
    public JsonElement? ResourceValues(string address)
    {
        using var doc = ShowJson();
        if (!doc.RootElement.TryGetProperty("values", out var values)
            || !values.TryGetProperty("root_module", out var root)
            || !root.TryGetProperty("resources", out var resources))
        {
            return null;
        }
        foreach (var r in resources.EnumerateArray())
        {
            if (r.GetProperty("address").GetString() == address)
            {
                return r.GetProperty("values").Clone();
            }
        }
        return null;
    }

    /// <summary>Addresses of every resource in state.</summary>
    public IReadOnlyList<string> StateList()
    {
        var result = Run("state", "list");
        return result.ExitCode == 0 ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    public string StateFileText => File.ReadAllText(System.IO.Path.Combine(Directory, "terraform.tfstate"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Leave it for inspection.
        }
    }

    private static ProcessResult Expect(ProcessResult result, int exitCode, string what) =>
        result.ExitCode == exitCode ? result : throw new TerraformException($"terraform {what}: expected exit {exitCode}\n{result}");
}
