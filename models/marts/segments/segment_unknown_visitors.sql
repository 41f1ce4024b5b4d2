{#- Profiles with no personal identifier (no user id, CRM contact or email): anonymous cookies,
    devices and guest orders. Qualified when first seen. -#}
with dim_customers as (
    select * from {{ ref('dim_customers') }}
),

final as (
    select
        customer_id,
        first_seen_at as qualified_at
    from dim_customers
    where not is_known
)

select * from final
