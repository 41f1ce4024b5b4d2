{#- Who may be sent to activation systems (ad and email platforms), per segment: the members
    of every segment whose profile has granted marketing consent, with the identifiers
    customer-match uploads take, hashed. Unknown consent is no consent, so anonymous profiles
    are never here. Erased profiles are gone upstream (dim_customers). -#}
with segment_memberships as (
    select * from {{ ref('segment_memberships') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

final as (
    select
        -- ids
        cast(segment_memberships.segment_membership_id as {{ dbt.type_string() }})
            as segment_membership_id,
        cast(segment_memberships.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(segment_memberships.segment_name as {{ dbt.type_string() }}) as segment_name,
        cast({{ sha256_hex('dim_customers.email') }} as {{ dbt.type_string() }}) as email_sha256,
        cast({{ sha256_hex('dim_customers.phone') }} as {{ dbt.type_string() }}) as phone_sha256,
        cast(dim_customers.email as {{ dbt.type_string() }}) as email,
        cast(dim_customers.phone as {{ dbt.type_string() }}) as phone,
        -- timestamps
        cast(segment_memberships.entered_at as {{ dbt.type_timestamp() }}) as entered_at
    from segment_memberships
    inner join dim_customers
        on segment_memberships.customer_id = dim_customers.customer_id
    where dim_customers.has_marketing_consent
)

select * from final
