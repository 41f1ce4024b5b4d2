with int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

final as (
    select
        -- ids
        cast(identifier_id as {{ dbt.type_string() }}) as identifier_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(identifier_type as {{ dbt.type_string() }}) as identifier_type,
        cast(identifier_value as {{ dbt.type_string() }}) as identifier_value,
        cast(source_names as {{ dbt.type_string() }}) as source_names,
        -- numerics
        cast(activity_count as bigint) as activity_count,
        -- booleans
        cast(not is_personal as boolean) as is_anonymous,
        cast(is_anchor as boolean) as is_anchor,
        -- timestamps
        cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
        cast(last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
    from int_identities_resolved
)

select * from final
