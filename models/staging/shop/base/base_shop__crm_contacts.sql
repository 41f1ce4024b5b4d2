{{ config(enabled=input_enabled('demo'), materialized='table') }}

with raw_shop__crm_contacts as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from {{ shop_raw('crm_contacts') }} as raw_rows
),

typed as (
    select
        -- ids
        {{ clean_text('contact_id') }} as contact_id,
        {{ clean_text('user_id') }} as user_id,
        -- strings
        {{ clean_text('email') }} as email,
        {{ clean_text('phone') }} as phone,
        {{ unicode_nfc(clean_text('first_name')) }} as first_name,
        {{ unicode_nfc(clean_text('last_name')) }} as last_name,
        {{ name_match_key('first_name') }} as first_name_match_key,
        {{ name_match_key('last_name') }} as last_name_match_key,
        upper({{ clean_text('country_code') }}) as country_code,
        -- booleans: 'yes'/'no'; anything else is unknown consent (NULL)
        case lower({{ clean_text('marketing_consent') }})
            when 'yes' then true
            when 'y' then true
            when 'true' then true
            when '1' then true
            when 'no' then false
            when 'n' then false
            when 'false' then false
            when '0' then false
        end as has_marketing_consent,
        -- timestamps
        {{ parse_timestamp_utc('created_at', var('shop_time_zone')) }} as created_at,
        {{ parse_timestamp_utc('updated_at', var('shop_time_zone')) }} as updated_at,
        -- raw
        raw_record
    from raw_shop__crm_contacts
),

checked as (
    select
        *,
        case
            when contact_id is null then 'missing contact_id'
            when created_at is null then 'unparseable created_at'
            when updated_at is null then 'unparseable updated_at'
            when {{ is_after_build_start('created_at') }}
                then 'created_at in the future (a wrong clock)'
            when {{ is_after_build_start('updated_at') }}
                then 'updated_at in the future (a wrong clock)'
            when {{ has_conflicting_versions('contact_id, updated_at') }}
                then 'conflicting rows share this contact_id and updated_at'
        end as quarantine_reason
    from typed
),

final as (
    select
        *,
        {{ duplicate_rank('contact_id', 'updated_at desc') }} as duplicate_rank
    from checked
)

select * from final
