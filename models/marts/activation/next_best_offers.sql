{#- The brief's offer: returning unknown visitors (two or more sessions) who browsed leather
    shoes and never checked out get a 10%-off leather-shoes offer. One row per profile with an
    offer; the code is unique per profile and stable across builds (16 hex characters: with 8,
    10 million generated events already gave two profiles the same code). -#}
with leather_segment as (
    select * from {{ ref('segment_leather_shoe_browsers_without_checkout') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

customer_measures as (
    select * from {{ ref('customer_measures') }}
),

final as (
    select
        -- ids
        cast(leather_segment.customer_id as {{ dbt.type_string() }})
            as customer_id,
        -- strings
        cast(
            'LEATHER10-' || upper(left({{ dbt.hash(
                "'leather10:' || leather_segment.customer_id"
            ) }}, 16)) as {{ dbt.type_string() }}
        ) as offer_code,
        cast('leather_shoes_10_percent' as {{ dbt.type_string() }}) as offer_name,
        cast(
            'returning unknown visitor who browsed leather shoes and never checked out'
            as {{ dbt.type_string() }}
        ) as offer_reason,
        -- numerics
        cast(10 as integer) as discount_percent,
        cast(customer_measures.session_count as bigint) as session_count,
        -- timestamps
        cast(
            leather_segment.qualified_at as {{ dbt.type_timestamp() }}
        )
            as qualified_at
    from leather_segment
    inner join dim_customers
        on leather_segment.customer_id = dim_customers.customer_id
    inner join customer_measures
        on
            leather_segment.customer_id
            = customer_measures.customer_id
    where not dim_customers.is_known and customer_measures.session_count >= 2
)

select * from final
