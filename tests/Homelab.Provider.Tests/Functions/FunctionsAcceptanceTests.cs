using System.Text.Json;

namespace Homelab.Provider.Tests.Functions;

/// <summary>
/// The provider-defined functions through the real terraform: the published examples evaluate to
/// the documented values, and a bad argument is terraform's error on the call with our text.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class FunctionsAcceptanceTests
{
    [Fact]
    public void The_published_examples_evaluate_to_the_values_their_comments_state()
    {
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig(File.ReadAllText(RepositoryRoot.Combine("examples", "functions", "parse_size", "function.tf")));
        tf.WriteFile("format.tf", File.ReadAllText(RepositoryRoot.Combine("examples", "functions", "format_size", "function.tf")));

        tf.Apply();

        using var outputs = JsonDocument.Parse(tf.Run("output", "-json").Stdout);
        Assert.Equal(1_649_267_441_664, outputs.RootElement.GetProperty("quota_bytes").GetProperty("value").GetInt64());
        Assert.True(outputs.RootElement.GetProperty("quota_fits_in_2t").GetProperty("value").GetBoolean());
        Assert.Equal("1.50T", outputs.RootElement.GetProperty("quota").GetProperty("value").GetString());
    }

    [Fact]
    public void A_bad_size_is_an_error_on_the_call_with_a_clear_text()
    {
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        tf.WriteConfig("""
            output "bad" {
              value = provider::homelab::parse_size("1.5X")
            }
            """);

        var failed = tf.Run("plan", "-input=false", "-no-color");

        Assert.NotEqual(0, failed.ExitCode);
        var output = string.Join(' ', failed.Output.Split((char[])['\n', ' ', '│'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"1.5X\" is not a size", output, StringComparison.Ordinal);
        Assert.Contains("provider::homelab::parse_size(\"1.5X\")", output, StringComparison.Ordinal);
    }
}
