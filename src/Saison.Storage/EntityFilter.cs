namespace Saison.Storage;

/// <summary>Evaluates <see cref="TableFilter"/>s in memory with the Table service's semantics.</summary>
public static class EntityFilter
{
    public static bool Matches(TableEntity entity, IReadOnlyList<TableFilter> filters)
    {
        foreach (var filter in filters)
        {
            var actual = filter.Property switch
            {
                "PartitionKey" => entity.PartitionKey,
                "RowKey" => entity.RowKey,
                "Timestamp" => entity.Timestamp,
                _ => entity[filter.Property],
            };
            if (actual is null || !Compare(actual, filter.Value, out var order))
            {
                // The service never matches a missing property or a value of another type.
                return false;
            }

            var ok = filter.Operator switch
            {
                FilterOperator.Equal => order == 0,
                FilterOperator.NotEqual => order != 0,
                FilterOperator.GreaterThan => order > 0,
                FilterOperator.GreaterThanOrEqual => order >= 0,
                FilterOperator.LessThan => order < 0,
                FilterOperator.LessThanOrEqual => order <= 0,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Compare(object actual, object expected, out int order)
    {
        order = 0;
        switch (actual, expected)
        {
            case (string a, string b): order = string.CompareOrdinal(a, b); return true;
            case (int a, int b): order = a.CompareTo(b); return true;
            case (long a, long b): order = a.CompareTo(b); return true;
            case (int a, long b): order = ((long)a).CompareTo(b); return true;
            case (long a, int b): order = a.CompareTo(b); return true;
            case (double a, double b): order = a.CompareTo(b); return true;
            case (bool a, bool b): order = a.CompareTo(b); return true;
            case (DateTimeOffset a, DateTimeOffset b): order = a.CompareTo(b); return true;
            case (DateTimeOffset a, DateTime b): order = a.CompareTo(new DateTimeOffset(DateTime.SpecifyKind(b, DateTimeKind.Utc))); return true;
            case (Guid a, Guid b): order = a.CompareTo(b); return true;
            case (byte[] a, byte[] b): order = a.AsSpan().SequenceCompareTo(b); return true;
            default: return false;
        }
    }
}
