{{ config(enabled=input_enabled('demo')) }}

with base_shop__crm_contacts as (
    select * from {{ ref('base_shop__crm_contacts') }}
),

final as (
    select
        -- ids
        contact_id,
        user_id,
        -- strings
        email,
        phone,
        first_name,
        last_name,
        first_name_match_key,
        last_name_match_key,
        country_code,
        -- booleans
        has_marketing_consent,
        -- timestamps
        created_at,
        updated_at
    from base_shop__crm_contacts
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
