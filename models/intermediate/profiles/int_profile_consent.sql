{#- Marketing consent per profile: the latest statement of any CRM contact record that shares a
    personal identifier (contact id, user id, email, phone) with the profile's own records.
    A person who says no on a second CRM record with the same email is not exported through
    the first one, even when the identity rules keep the two records apart (one CRM contact
    per profile, the email then shared). Latest by updated_at wins; at the same instant 'denied'
    beats 'granted'. Profiles without any statement are absent (unknown = no consent). -#}
{% if input_enabled('demo') %}
    with stg_shop__crm_contacts as (
        select * from {{ ref('stg_shop__crm_contacts') }}
    ),

    int_identifiers_normalized as (
        select * from {{ ref('int_identifiers_normalized') }}
    ),

    int_activities_attributed as (
        select * from {{ ref('int_activities_attributed') }}
    ),

    statements as (
        select
            contact_id,
            user_id,
            email,
            phone,
            coalesce(country_code, {{ sql_string(var('phone_default_country')) }}) as phone_region,
            updated_at as stated_at,
            case when has_marketing_consent then 'granted' else 'denied' end as marketing_consent
        from stg_shop__crm_contacts
        where has_marketing_consent is not null
    ),

    statement_identifiers as (
        {% for identifier_type, column in [
            ('crm_contact_id', 'contact_id'), ('user_id', 'user_id'), ('email', 'email'),
            ('phone', 'phone')
        ] %}
            select
                contact_id,
                marketing_consent,
                stated_at,
                '{{ identifier_type }}' as identifier_type,
                {{ normalize_identifier_value(
                    "'" ~ identifier_type ~ "'", column, 'phone_region'
                ) }} as identifier_value
            from statements
            {% if not loop.last %}union all{% endif %}
        {% endfor %}
    ),

    applicable as (
        -- the profiles of the records that carry a statement's identifier
        select distinct
            int_activities_attributed.customer_id,
            statement_identifiers.contact_id,
            statement_identifiers.marketing_consent,
            statement_identifiers.stated_at
        from statement_identifiers
        inner join int_identifiers_normalized
            on
                statement_identifiers.identifier_type = int_identifiers_normalized.identifier_type
                and statement_identifiers.identifier_value
                = int_identifiers_normalized.identifier_value
        inner join int_activities_attributed
            on int_identifiers_normalized.activity_id = int_activities_attributed.activity_id
        where int_activities_attributed.customer_id is not null
    ),

    ranked as (
        select
            *,
            row_number() over (
                partition by customer_id
                order by stated_at desc, marketing_consent asc, contact_id asc
            ) as statement_rank
        from applicable
    ),

    final as (
        select
            customer_id,
            marketing_consent,
            stated_at as consent_stated_at,
            contact_id as consent_contact_id
        from ranked
        where statement_rank = 1
    )

    select * from final
{% else %}
    select
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_string() }}) as marketing_consent,
        cast(null as {{ dbt.type_timestamp() }}) as consent_stated_at,
        cast(null as {{ dbt.type_string() }}) as consent_contact_id
    where 1 = 0
{% endif %}
