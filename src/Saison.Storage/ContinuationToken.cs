using System.Buffers.Text;
using System.Text;

namespace Saison.Storage;

/// <summary>
/// The opaque continuation token handed to callers: the next PartitionKey and RowKey, as the Table
/// service returns them in <c>x-ms-continuation-NextPartitionKey</c> / <c>-NextRowKey</c>.
/// </summary>
public static class ContinuationToken
{
    /// <summary>Packs the next PartitionKey and RowKey into one opaque, URL-safe token.</summary>
    public static string Encode(string nextPartitionKey, string? nextRowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextPartitionKey + "\n" + (nextRowKey ?? string.Empty)));

    /// <summary>Reads a token; <c>false</c> for one this store never issued.</summary>
    public static bool TryDecode(string token, out string nextPartitionKey, out string? nextRowKey)
    {
        nextPartitionKey = string.Empty;
        nextRowKey = null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var cut = text.IndexOf('\n', StringComparison.Ordinal);
            if (cut < 0)
            {
                return false;
            }

            nextPartitionKey = text[..cut];
            var rowKey = text[(cut + 1)..];
            nextRowKey = rowKey.Length == 0 ? null : rowKey;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
