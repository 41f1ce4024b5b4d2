with dim_customer_keys as (
    select * from {{ ref('dim_customer_keys') }}
),

int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

int_profile_attributes_merged as (
    select * from {{ ref('int_profile_attributes_merged') }}
),

int_profile_consent as (
    select * from {{ ref('int_profile_consent') }}
),

anchors as (
    select
        customer_id,
        anchor_identifier_type,
        anchor_identifier_value
    from int_identities_resolved
    where is_anchor
),

profiles as (
    select
        customer_id,
        max(case when not is_anonymous then 1 else 0 end) = 1 as is_known,
        count(*) as identifier_count,
        sum(case when is_shared then 1 else 0 end) as shared_identifier_count,
        {% for identifier_type in identifier_columns() %}
            sum(case when identifier_type = '{{ identifier_type }}' then 1 else 0 end)
                as {{ identifier_type }}_count,
        {% endfor %}
        min(first_seen_at) as first_seen_at,
        max(last_seen_at) as last_seen_at
    from dim_customer_keys
    group by customer_id
),

final as (
    select
        -- ids
        cast(profiles.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(anchors.anchor_identifier_type as {{ dbt.type_string() }}) as anchor_identifier_type,
        cast(anchors.anchor_identifier_value as {{ dbt.type_string() }})
            as anchor_identifier_value,
        cast(int_profile_attributes_merged.email as {{ dbt.type_string() }}) as email,
        cast(int_profile_attributes_merged.first_name as {{ dbt.type_string() }}) as first_name,
        cast(int_profile_attributes_merged.last_name as {{ dbt.type_string() }}) as last_name,
        cast(int_profile_attributes_merged.phone as {{ dbt.type_string() }}) as phone,
        cast(int_profile_attributes_merged.country as {{ dbt.type_string() }}) as country,
        cast(
            coalesce(int_profile_consent.marketing_consent, 'unknown')
            as {{ dbt.type_string() }}
        ) as marketing_consent_status,
        -- numerics
        cast(profiles.identifier_count as bigint) as identifier_count,
        cast(profiles.shared_identifier_count as bigint) as shared_identifier_count,
        {% for identifier_type in identifier_columns() %}
            cast(profiles.{{ identifier_type }}_count as bigint) as {{ identifier_type }}_count,
        {% endfor %}
        -- booleans
        cast(profiles.is_known as boolean) as is_known,
        cast(
            coalesce(int_profile_consent.marketing_consent = 'granted', false) as boolean
        ) as has_marketing_consent,
        -- timestamps
        cast(profiles.first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
        cast(profiles.last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
    from profiles
    inner join anchors
        on profiles.customer_id = anchors.customer_id
    left join int_profile_attributes_merged
        on profiles.customer_id = int_profile_attributes_merged.customer_id
    left join int_profile_consent
        on profiles.customer_id = int_profile_consent.customer_id
)

select * from final
