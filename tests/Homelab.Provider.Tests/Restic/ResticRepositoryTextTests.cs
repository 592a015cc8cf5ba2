using Homelab.Provider.Restic;

namespace Homelab.Provider.Tests.Restic;

/// <summary>Repository locations in messages never show the password of a URL.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ResticRepositoryTextTests
{
    [Theory]
    [InlineData("rest:https://user:secret@host:8000/repo/", "rest:https://user:***@host:8000/repo/")]
    [InlineData("rest:http://u:p%40ss:w@rd@10.0.0.1/", "rest:http://u:***@10.0.0.1/")]
    [InlineData("s3:https://AKIAKEY:SECRETKEY@s3.example.com/bucket", "s3:https://AKIAKEY:***@s3.example.com/bucket")]
    [InlineData("failed: Fatal: rest:https://a:b@h/ said 401", "failed: Fatal: rest:https://a:***@h/ said 401")]
    [InlineData("sftp:backup@nas:/srv/restic", "sftp:backup@nas:/srv/restic")]
    [InlineData("/srv/restic/local", "/srv/restic/local")]
    [InlineData("rest:https://host/no-credentials/", "rest:https://host/no-credentials/")]
    public void The_password_of_a_url_is_replaced(string text, string expected) =>
        Assert.Equal(expected, ResticRepositoryText.Redact(text));
}
