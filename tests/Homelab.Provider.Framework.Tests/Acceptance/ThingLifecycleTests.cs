using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Acceptance;

/// <summary>
/// The framework through the real terraform binary: every test applies with terraform and then
/// requires an empty plan (refresh on and off), so plan/apply/read consistency is always checked.
/// </summary>
[Collection("terraform")]
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ThingLifecycleTests
{
    private const string Address = "testfw_thing.a";

    [Fact]
    public void Create_update_in_place_then_replace_then_destroy()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              name = "alpha"
              tags = { env = "dev" }
              settings = { mode = "fast" }
              rule { port = 22 }
            }
            data "testfw_echo" "e" { input = testfw_thing.a.name }
            output "echo" { value = data.testfw_echo.e.result }
            """);
        ws.Terraform.Apply();
        var created = ws.Terraform.ResourceValues(Address)!.Value;
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(1, created.GetProperty("size").GetInt32());
        Assert.Equal(3, created.GetProperty("settings").GetProperty("level").GetInt32());
        Assert.Equal("tcp", created.GetProperty("rule")[0].GetProperty("proto").GetString());
        Assert.Equal(1, created.GetProperty("revision").GetInt32());
        Assert.True(created.GetProperty("private_ok").GetBoolean());
        Assert.Equal([id], ws.StoredIds());
        Assert.Contains("\"ALPHA\"", ws.Terraform.Run("output", "-json", "echo").Stdout, StringComparison.Ordinal);

        // In place: same id, revision bumped.
        ws.Write("""
            resource "testfw_thing" "a" {
              name = "alpha"
              size = 5
              tags = { env = "prod" }
              settings = { mode = "safe" }
              rule { port = 22 }
            }
            """);
        var plan = ws.Terraform.PlanExpectChanges();
        Assert.Contains("1 to change", plan.Stdout, StringComparison.Ordinal);
        ws.Terraform.Apply();
        var updated = ws.Terraform.ResourceValues(Address)!.Value;
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal(2, updated.GetProperty("revision").GetInt32());
        Assert.Equal(5, updated.GetProperty("size").GetInt32());

        // zone forces replacement: a new id, the old object gone.
        ws.Write("""
            resource "testfw_thing" "a" {
              name = "alpha"
              size = 5
              zone = "b"
              rule { port = 22 }
            }
            """);
        plan = ws.Terraform.PlanExpectChanges();
        Assert.Contains("must be replaced", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("forces replacement", plan.Stdout, StringComparison.Ordinal);
        ws.Terraform.Apply();
        var replaced = ws.Terraform.ResourceValues(Address)!.Value;
        Assert.NotEqual(id, replaced.GetProperty("id").GetString());
        Assert.Equal([replaced.GetProperty("id").GetString()!], ws.StoredIds());

        ws.Terraform.Destroy();
        Assert.Empty(ws.StoredIds());
        Assert.Empty(ws.Terraform.StateList());
    }

    [Fact]
    public void Import_reads_the_full_object_and_plans_nothing()
    {
        using var ws = new TestProviderWorkspace();
        const string config = """
            resource "testfw_thing" "a" {
              name = "imported"
              tags = { a = "1" }
              rule { port = 80 }
            }
            """;
        ws.Write(config);
        ws.Terraform.Apply();
        var id = ws.Terraform.ResourceValues(Address)!.Value.GetProperty("id").GetString()!;
        Assert.Equal(0, ws.Terraform.Run("state", "rm", Address).ExitCode);
        Assert.Null(ws.Terraform.ResourceValues(Address));

        ws.Terraform.Import(Address, id);
        var imported = ws.Terraform.ResourceValues(Address)!.Value;
        Assert.Equal("imported", imported.GetProperty("name").GetString());
        Assert.Equal(80, imported.GetProperty("rule")[0].GetProperty("port").GetInt32());
        Assert.True(imported.GetProperty("private_ok").GetBoolean());

        var bad = ws.Terraform.Run("import", "-no-color", "testfw_thing.b", "not-an-id");
        Assert.NotEqual(0, bad.ExitCode);
    }

    [Fact]
    public void Out_of_band_change_shows_as_drift_and_apply_repairs_it()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              name = "drifty"
              size = 7
            }
            """);
        ws.Terraform.Apply();
        var id = ws.StoredIds().Single();
        var file = Path.Combine(ws.StoreDir, id + ".json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        json["size"] = 9;
        File.WriteAllText(file, json.ToJsonString());

        var plan = ws.Terraform.PlanExpectChanges();
        Assert.Contains("9 -> 7", plan.Stdout, StringComparison.Ordinal);
        ws.Terraform.Apply();
        Assert.Equal(7, JsonNode.Parse(File.ReadAllText(file))!["size"]!.GetValue<int>());

        // Gone out of band: read drops it from state and the plan creates it again.
        File.Delete(file);
        plan = ws.Terraform.PlanExpectChanges();
        Assert.Contains("1 to add", plan.Stdout, StringComparison.Ordinal);
        ws.Terraform.Apply();
        Assert.Single(ws.StoredIds());
    }

    [Fact]
    public void State_written_by_schema_version_0_is_upgraded()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              name = "legacy"
              size = 4
              tags = { from = "v0" }
            }
            """);
        // First create it for real (v1), then rewrite the state as v0 would have stored it.
        ws.Terraform.Apply();
        var id = ws.StoredIds().Single();
        var state = JsonNode.Parse(ws.Terraform.StateFileText)!;
        var instance = state["resources"]![0]!["instances"]![0]!;
        instance["schema_version"] = 0;
        instance["attributes"] = new JsonObject
        {
            ["id"] = id,
            ["label"] = "legacy",
            ["size"] = "4",
            ["tags"] = new JsonObject { ["from"] = "v0" },
        };
        state["serial"] = state["serial"]!.GetValue<int>() + 1;
        ws.Terraform.WriteFile("terraform.tfstate", state.ToJsonString());

        ws.Terraform.AssertEmptyPlan();
        var refreshed = ws.Terraform.Run("apply", "-refresh-only", "-auto-approve", "-no-color");
        Assert.Equal(0, refreshed.ExitCode);
        var upgraded = JsonNode.Parse(ws.Terraform.StateFileText)!["resources"]![0]!["instances"]![0]!;
        Assert.Equal(1, upgraded["schema_version"]!.GetValue<int>());
        Assert.Equal("legacy", upgraded["attributes"]!["name"]!.GetValue<string>());
        Assert.Equal(4, upgraded["attributes"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public void Write_only_value_never_reaches_state_and_sensitive_value_is_masked()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              name                = "secretive"
              secret              = "hunter2-sensitive"
              password_wo         = "wo-password-value"
              password_wo_version = 1
            }
            """);
        var plan = ws.Terraform.PlanExpectChanges();
        Assert.DoesNotContain("hunter2-sensitive", plan.Output, StringComparison.Ordinal);
        Assert.Contains("(sensitive value)", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("wo-password-value", plan.Output, StringComparison.Ordinal);
        ws.Terraform.Apply();

        var stateText = ws.Terraform.StateFileText;
        Assert.DoesNotContain("wo-password-value", stateText, StringComparison.Ordinal);
        var hash = ws.Terraform.ResourceValues(Address)!.Value.GetProperty("password_hash").GetString();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("wo-password-value"u8)), hash);
        Assert.Equal(JsonValueKind.Null, ws.Terraform.ResourceValues(Address)!.Value.GetProperty("password_wo").ValueKind);

        // A new password applies only with a new version.
        ws.Write("""
            resource "testfw_thing" "a" {
              name                = "secretive"
              secret              = "hunter2-sensitive"
              password_wo         = "second-password"
              password_wo_version = 2
            }
            """);
        ws.Terraform.Apply();
        Assert.DoesNotContain("second-password", ws.Terraform.StateFileText, StringComparison.Ordinal);
        Assert.NotEqual(hash, ws.Terraform.ResourceValues(Address)!.Value.GetProperty("password_hash").GetString());
    }

    [Fact]
    public void Validation_errors_point_at_the_offending_line_and_nothing_is_created()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              size = 2
              name = "Bad;Name"
            }

            resource "testfw_thing" "b" {
              name        = "okay"
              password_wo = "x"
              settings    = { mode = "reckless" }
            }
            """);
        var lines = File.ReadAllLines(Path.Combine(ws.Terraform.Directory, "main.tf"));
        var badName = Array.FindIndex(lines, l => l.Contains("Bad;Name", StringComparison.Ordinal)) + 1;
        var result = ws.Terraform.Run("plan", "-no-color");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"on main.tf line {badName}, in resource \"testfw_thing\" \"a\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"Bad;Name\" is not valid", result.Stderr, StringComparison.Ordinal);
        // Terraform 1.11 cannot point inside an object expression: a nested attribute's error is
        // reported at its resource block, with our path-qualified detail.
        Assert.Contains("in resource \"testfw_thing\" \"b\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"reckless\" is not allowed here", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Set password_wo_version whenever password_wo is set", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(ws.StoredIds());
    }

    [Fact]
    public void Plan_time_destroy_refusal_keeps_the_object()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              name = "keeper"
              tags = { protected = "true" }
            }
            """);
        ws.Terraform.Apply();
        var result = ws.Terraform.Run("destroy", "-auto-approve", "-no-color");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Thing is protected", result.Stderr, StringComparison.Ordinal);
        Assert.Single(ws.StoredIds());
    }

    [Fact]
    public void Deprecated_attribute_warns()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "a" {
              name      = "old"
              old_field = "x"
            }
            """);
        var result = ws.Terraform.Apply();
        Assert.Contains("Argument \"old_field\" is deprecated", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Thirty_resources_apply_in_parallel()
    {
        using var ws = new TestProviderWorkspace();
        ws.Write("""
            resource "testfw_thing" "many" {
              count   = 30
              name    = "many-${count.index}"
              size    = count.index + 1
              slow_ms = 50
            }
            """);
        ws.Terraform.Apply("-parallelism=10");
        Assert.Equal(30, ws.StoredIds().Length);
        Assert.Equal(30, ws.Terraform.StateList().Count);
        ws.Terraform.Destroy();
        Assert.Empty(ws.StoredIds());
    }
}
