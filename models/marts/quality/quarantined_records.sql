{#- Every raw row that staging rejected, with the reason and the whole raw row as JSON. -#}
with unioned as (
    {% for table in staged_tables() %}
        select
            '{{ table.source_table }}' as source_table,
            quarantine_reason,
            raw_record
        from {{ table.base }}
        where quarantine_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

numbered as (
    -- identical raw rows are told apart by their occurrence number
    select
        *,
        row_number() over (
            partition by source_table, raw_record order by quarantine_reason
        ) as occurrence
    from unioned
),

final as (
    select
        -- ids
        {%- set occurrence = "cast(occurrence as " ~ dbt.type_string() ~ ")" %}
        cast(
            {{ dbt.hash("source_table || ':' || raw_record || ':' || " ~ occurrence) }}
            as {{ dbt.type_string() }}
        ) as quarantined_record_id,
        -- strings
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(quarantine_reason as {{ dbt.type_string() }}) as quarantine_reason,
        cast(raw_record as {{ dbt.type_string() }}) as raw_record
    from numbered
)

select * from final
