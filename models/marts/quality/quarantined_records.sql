{#- Every raw row that staging rejected, with the reason and the whole raw row as JSON. A raw
    row holding an identifier an erasure request removes (int_erased_identifiers, matched
    case-insensitively as text) keeps its place and reason but not its content. Email
    addresses are redacted in every raw row (they would otherwise survive in URLs and in
    CRM and guest-checkout fields of rejected rows). -#}
with erased_values as (
    select distinct
        lower(identifier_value) as erased_value,
        false as is_phone_digits
    from {{ ref('int_erased_identifiers') }}
    where identifier_value is not null

    union

    -- a phone in any format: its last 9 digits among the raw row's digits ('06 80 98 77 69'
    -- holds 680987769 of +33680987769); may blank a row that only looks alike, never less
    select distinct
        {{ dbt.right(digits_only('identifier_value'), '9') }} as erased_value,
        true as is_phone_digits
    from {{ ref('int_erased_identifiers') }}
    where identifier_type = 'phone' and identifier_value is not null
),

unioned as (
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

erased_records as (
    select distinct unioned.raw_record
    from unioned
    inner join erased_values
        on
            (
                not erased_values.is_phone_digits
                and {{ dbt.position(
                    'erased_values.erased_value', 'lower(unioned.raw_record)'
                ) }} > 0
            )
            or (
                erased_values.is_phone_digits
                and {{ dbt.position(
                    'erased_values.erased_value', digits_only('unioned.raw_record')
                ) }} > 0
            )
),

numbered as (
    -- identical raw rows are told apart by their occurrence number
    select
        unioned.*,
        erased_records.raw_record is not null as holds_erased_identifier,
        row_number() over (
            partition by unioned.source_table, unioned.raw_record
            order by unioned.quarantine_reason
        ) as occurrence
    from unioned
    left join erased_records
        on unioned.raw_record = erased_records.raw_record
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
        cast(
            case
                when holds_erased_identifier
                    then '{"erased": "right-to-erasure request"}'
                else {{ redact_email_addresses('raw_record') }}
            end as {{ dbt.type_string() }}
        ) as raw_record
    from numbered
)

select * from final
