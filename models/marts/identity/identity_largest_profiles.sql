{#- Graph health: the profiles with the most identifiers (the 100 largest), so over-merging is
    visible. A profile over var('identity_max_identifiers_per_profile') identifiers fails the
    warn-level test on this model. -#}
with dim_customers as (
    select * from {{ ref('dim_customers') }}
),

ranked as (
    select
        customer_id,
        is_known,
        identifier_count,
        shared_identifier_count,
        user_id_count,
        crm_contact_id_count,
        email_count,
        phone_count,
        device_id_count,
        cookie_id_count,
        row_number() over (order by identifier_count desc, customer_id asc) as size_rank
    from dim_customers
),

final as (
    select
        -- ids
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        -- numerics
        cast(size_rank as bigint) as size_rank,
        cast(identifier_count as bigint) as identifier_count,
        cast(shared_identifier_count as bigint) as shared_identifier_count,
        cast(user_id_count as bigint) as user_id_count,
        cast(crm_contact_id_count as bigint) as crm_contact_id_count,
        cast(email_count as bigint) as email_count,
        cast(phone_count as bigint) as phone_count,
        cast(device_id_count as bigint) as device_id_count,
        cast(cookie_id_count as bigint) as cookie_id_count,
        -- booleans
        cast(is_known as boolean) as is_known
    from ranked
    where size_rank <= 100
)

select * from final
