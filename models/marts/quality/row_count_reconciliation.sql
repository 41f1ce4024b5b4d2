{#- Per raw table: how many rows came in and where each one went. raw_row_count must equal
    staged_row_count + duplicate_row_count + quarantined_row_count (tested), and likewise the
    amounts of tables that carry money (in the table's own currency). -#}
{%- set no_amount = 'cast(null as decimal(38, 3))' -%}
with
{% for table in staged_tables() %}
    {%- set amount = table.amount or no_amount -%}
    {%- set raw_amount = table.raw_amount or no_amount -%}
    {#- an empty table sums to 0 (money tables) or stays NULL (tables without money) -#}
    {%- set money_zero = '0' if table.amount else 'null' %}
    raw_counts_{{ loop.index }} as (
        select
            count(*) as raw_row_count,
            coalesce(sum({{ raw_amount }}), {{ money_zero }}) as raw_amount
        from {{ table.raw }}
    ),

    base_counts_{{ loop.index }} as (
        select
            count(case when quarantine_reason is null and duplicate_rank = 1 then 1 end)
                as staged_row_count,
            count(case when duplicate_rank > 1 then 1 end) as duplicate_row_count,
            count(case when quarantine_reason is not null then 1 end) as quarantined_row_count,
            coalesce(
                sum(
                    case when quarantine_reason is null and duplicate_rank = 1 then {{ amount }} end
                ),
                {{ money_zero }}
            ) as staged_amount,
            coalesce(sum(case when duplicate_rank > 1 then {{ amount }} end), {{ money_zero }})
                as duplicate_amount,
            coalesce(
                sum(case when quarantine_reason is not null then {{ amount }} end), {{ money_zero }}
            ) as quarantined_amount
        from {{ table.base }}
    ),

    staged_counts_{{ loop.index }} as (
        select count(*) as staged_model_row_count
        from {{ table.staged }}
    ),

    reconciled_{{ loop.index }} as (
        select
            '{{ table.source_table }}' as source_table,
            raw_counts_{{ loop.index }}.raw_row_count,
            base_counts_{{ loop.index }}.staged_row_count,
            base_counts_{{ loop.index }}.duplicate_row_count,
            base_counts_{{ loop.index }}.quarantined_row_count,
            staged_counts_{{ loop.index }}.staged_model_row_count,
            raw_counts_{{ loop.index }}.raw_amount,
            base_counts_{{ loop.index }}.staged_amount,
            base_counts_{{ loop.index }}.duplicate_amount,
            base_counts_{{ loop.index }}.quarantined_amount
        from raw_counts_{{ loop.index }}
        cross join base_counts_{{ loop.index }}
        cross join staged_counts_{{ loop.index }}
    ),
{% endfor %}

unioned as (
    {% for table in staged_tables() %}
        select * from reconciled_{{ loop.index }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        -- ids
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        -- numerics: row counts
        cast(raw_row_count as bigint) as raw_row_count,
        cast(staged_row_count as bigint) as staged_row_count,
        cast(duplicate_row_count as bigint) as duplicate_row_count,
        cast(quarantined_row_count as bigint) as quarantined_row_count,
        cast(staged_model_row_count as bigint) as staged_model_row_count,
        -- numerics: money in the table's own currency (NULL for tables without money)
        cast(raw_amount as decimal(38, 3)) as raw_amount,
        cast(staged_amount as decimal(38, 3)) as staged_amount,
        cast(duplicate_amount as decimal(38, 3)) as duplicate_amount,
        cast(quarantined_amount as decimal(38, 3)) as quarantined_amount
    from unioned
)

select * from final
