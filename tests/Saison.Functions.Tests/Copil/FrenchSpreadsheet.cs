using System.Globalization;
using System.Text;

namespace Saison.Functions.Tests.Copil;

/// <summary>
/// Reads a CSV file the way a spreadsheet set to French does on opening it: UTF-8 recognised by its
/// BOM, <c>;</c> between cells, RFC 4180 quotes; a cell is a number when it reads as one with a
/// decimal comma, a date when it reads as <c>dd/MM/yyyy</c>.
/// </summary>
internal static class FrenchSpreadsheet
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public sealed record Sheet(string[] Header, List<string[]> Rows);

    public static Sheet Read(byte[] bytes)
    {
        var bom = Encoding.UTF8.GetPreamble();
        Assert.True(bytes.AsSpan().StartsWith(bom), "Without a BOM, a spreadsheet reads the file as Windows-1252 and breaks every accent.");
        var text = Encoding.UTF8.GetString(bytes, bom.Length, bytes.Length - bom.Length);
        var rows = Parse(text);
        return new Sheet([.. rows[0]], [.. rows.Skip(1).Select(r => r.ToArray())]);
    }

    /// <summary>Whether a French spreadsheet takes the cell for a number (and a date never passes for one).</summary>
    public static bool IsNumber(string cell, out decimal value) =>
        decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, French, out value) && !cell.Contains('.', StringComparison.Ordinal);

    public static DateOnly Date(string cell) => DateOnly.ParseExact(cell, "dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
