using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;

namespace Saison.Storage.AzureTables;

/// <summary>
/// An entity-group transaction on the wire (learn.microsoft.com "Performing entity group
/// transactions"): a <c>multipart/mixed</c> batch holding one change set, each operation an
/// embedded HTTP request numbered by <c>Content-ID</c> (1-based). The service answers 202 with one
/// change-set response: every operation's status and ETag in order, or the single failing
/// operation whose error message starts with its 0-based index (<c>"2:The specified entity…"</c>).
/// </summary>
internal static partial class EntityGroupBatch
{
    /// <summary>The request body and its content type.</summary>
    public static (byte[] Body, string ContentType) Write(Uri tableEndpoint, string table, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder();
        text.Append("--").Append(batch).Append("\r\n");
        text.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        var baseUri = tableEndpoint.AbsoluteUri.TrimEnd('/');
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, withKeys, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, (ETag?)null),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, null),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, action.IfMatch),
                TableTransactionActionType.UpdateReplace => ("PUT", true, action.IfMatch),
                TableTransactionActionType.Delete => ("DELETE", true, action.IfMatch),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown action."),
            };
            var path = withKeys ? AzureTableStore.EntityPath(table, entity.PartitionKey, entity.RowKey) : table;
            text.Append("--").Append(changeset).Append("\r\n");
            text.Append("Content-Type: application/http\r\n");
            text.Append("Content-Transfer-Encoding: binary\r\n\r\n");
            text.Append(method).Append(' ').Append(baseUri).Append('/').Append(path).Append(" HTTP/1.1\r\n");
            text.Append("Accept: application/json;odata=minimalmetadata\r\n");
            text.Append("DataServiceVersion: 3.0\r\n");
            text.Append("Content-ID: ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (ifMatch is { } tag)
            {
                text.Append("If-Match: ").Append(tag == ETag.All ? "*" : tag.ToString()).Append("\r\n");
            }

            if (action.ActionType == TableTransactionActionType.Delete)
            {
                text.Append("\r\n");
            }
            else
            {
                text.Append("Prefer: return-no-content\r\n");
                text.Append("Content-Type: application/json\r\n\r\n");
                text.Append(Encoding.UTF8.GetString(ODataEntity.Write(entity))).Append("\r\n");
            }
        }

        text.Append("--").Append(changeset).Append("--\r\n");
        text.Append("--").Append(batch).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(text.ToString()), "multipart/mixed; boundary=" + batch);
    }

    /// <summary>One embedded response of a change set.</summary>
    public sealed record Part(int Status, ETag? ETag, string Body);

    /// <summary>Reads the embedded responses, in order, whatever the boundaries are called.</summary>
    public static IReadOnlyList<Part> Read(string body)
    {
        var parts = new List<Part>();
        var matches = StatusLine().Matches(body);
        for (var m = 0; m < matches.Count; m++)
        {
            var start = matches[m].Index + matches[m].Length;
            var end = m + 1 < matches.Count ? matches[m + 1].Index : body.Length;
            var section = body[start..end];
            var blank = section.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = blank < 0 ? section : section[..blank];
            var content = blank < 0 ? string.Empty : section[(blank + 4)..];
            var boundary = content.IndexOf("\r\n--", StringComparison.Ordinal);
            if (boundary >= 0)
            {
                content = content[..boundary];
            }

            ETag? etag = null;
            foreach (var line in headers.Split("\r\n"))
            {
                if (line.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))
                {
                    etag = new ETag(line["ETag:".Length..].Trim());
                }
            }

            parts.Add(new Part(int.Parse(matches[m].Groups[1].Value, CultureInfo.InvariantCulture), etag, content.Trim()));
        }

        return parts;
    }

    /// <summary>The failing action's index from the error message (<c>"3:…"</c>), if the service gave one.</summary>
    public static int? FailedIndex(string message)
    {
        var match = IndexPrefix().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})[^\r\n]*")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();
}
